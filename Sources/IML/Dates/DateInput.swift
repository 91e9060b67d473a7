public import Foundation
import RefineryJSON

/// Reading a function argument as an instant (epoch milliseconds): ISO 8601 text (`2024-03-01`,
/// `2024-03-01T12:00`, `2024-03-01 12:00:00.250+02:00`, `...Z`) or a number of milliseconds since 1970.
/// Text without an offset is wall-clock time in the context's time zone.
enum DateInput {
    static func milliseconds(_ value: JSONValue, zone: TimeZone) -> Int? {
        switch value {
        case .int(let milliseconds): return IMLDate.range.contains(milliseconds) ? milliseconds : nil
        case .double(let milliseconds):
            return milliseconds.isFinite && abs(milliseconds) <= Double(IMLDate.range.upperBound) ? Int(milliseconds) : nil
        case .string(let text): return parseISO(text, zone: zone)
        default: return nil
        }
    }

    static func parseISO(_ text: String, zone: TimeZone) -> Int? {
        var reader = DigitReader(text)
        guard let year = reader.number(exactly: 4), reader.skip("-"), let month = reader.number(exactly: 2),
              reader.skip("-"), let day = reader.number(exactly: 2) else { return nil }
        var civil = CivilTime(year: year, month: month, day: day)
        if reader.skip("T") || reader.skip("t") || reader.skip(" ") {
            guard let hour = reader.number(exactly: 2), reader.skip(":"), let minute = reader.number(exactly: 2) else {
                return nil
            }
            civil.hour = hour
            civil.minute = minute
            if reader.skip(":") {
                guard let second = reader.number(exactly: 2) else { return nil }
                civil.second = second
                if reader.skip(".") || reader.skip(",") {
                    guard let fraction = reader.fractionMilliseconds() else { return nil }
                    civil.millisecond = fraction
                }
            }
        }
        guard Self.isValid(civil) else { return nil }
        if reader.isAtEnd { return zone.epochMilliseconds(of: civil) }
        guard let offset = reader.offsetSeconds(), reader.isAtEnd else { return nil }
        return civil.millisecondsAsUTC - offset * 1000
    }

    static func isValid(_ civil: CivilTime) -> Bool {
        (1...12).contains(civil.month) && civil.day >= 1 && civil.day <= CivilCalendar.daysIn(month: civil.month, year: civil.year)
            && (0...24).contains(civil.hour) && (0...59).contains(civil.minute) && (0...60).contains(civil.second)
    }
}

/// A cursor over ASCII digits and signs, for ISO dates and `parseDate`.
struct DigitReader {
    /// UTF-8 bytes; non-ASCII bytes count as letters.
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { position >= bytes.count }
    var current: UInt8? { isAtEnd ? nil : bytes[position] }

    mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
        guard let byte = current, UInt32(byte) == scalar.value else { return false }
        position += 1
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
    }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    mutating func number(exactly count: Int) -> Int? {
        number(minimum: count, maximum: count)
    }

    /// Between `minimum` and `maximum` digits, as many as there are.
    mutating func number(minimum: Int, maximum: Int) -> Int? {
        var value = 0
        var digits = 0
        while digits < maximum, let byte = current, Self.isDigit(byte) {
            value = value * 10 + Int(byte - 48)
            digits += 1
            position += 1
        }
        return digits >= minimum ? value : nil
    }

    /// Fractional seconds as milliseconds (extra digits are dropped).
    mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var digits = 0
        while let byte = current, Self.isDigit(byte) {
            if digits < 3 { value = value * 10 + Int(byte - 48) }
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<max(3, digits) { value *= 10 }
        return value
    }

    /// `Z`, `+02:00`, `-0530`, `+02`.
    mutating func offsetSeconds() -> Int? {
        if skip("Z") || skip("z") { return 0 }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = number(exactly: 2) else { return nil }
        _ = skip(":")
        let minutes = number(exactly: 2) ?? 0
        guard hours <= 18, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

/// The project's one ISO 8601 reader, for code outside IML too (filters, trigger keys): `2024-03-01`,
/// `2024-03-01T12:00`, `2024-03-01 12:00:00.250+02:00`, `...Z`, fractions to the millisecond. Text
/// without an offset is wall-clock time in `zone` (UTC by default). Hand-written: no formatter objects.
public enum ISODate {
    public static func parse(_ text: String, zone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current) -> Date? {
        DateInput.parseISO(text, zone: zone).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// `2026-10-12T09:47:33.000Z`: UTC, to the millisecond (what `{{now}}` gives).
    public static func string(_ date: Date) -> String {
        IMLDate.isoString(date)
    }
}

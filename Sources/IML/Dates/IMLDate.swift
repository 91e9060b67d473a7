import Foundation

/// Dates in IML are ISO 8601 text; this converts between that text, epoch milliseconds and `Date`.
enum IMLDate {
    /// `2024-03-01T12:00:00.000Z`.
    static func isoString(_ date: Date) -> String {
        isoString(epochMilliseconds: epochMilliseconds(date))
    }

    /// The instants a date may name, in epoch milliseconds: JavaScript's (and so Make's) ±100,000,000
    /// days around 1970, years -271821 to 275760. Calendar arithmetic stays far from `Int`'s limits there.
    static let range = -8_640_000_000_000_000...8_640_000_000_000_000

    /// Clamped to `range`, where `Int(_:)` cannot trap and calendar arithmetic cannot overflow.
    static func epochMilliseconds(_ date: Date) -> Int {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return milliseconds.isNaN ? 0 : Int(min(max(milliseconds, Double(range.lowerBound)), Double(range.upperBound)))
    }

    static func isoString(epochMilliseconds: Int) -> String {
        let civil = CivilTime(epochMilliseconds: epochMilliseconds, offsetSeconds: 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendYear(civil.year, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(civil.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(civil.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendPadded(civil.hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(civil.minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(civil.second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendPadded(civil.millisecond, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendYear(_ year: Int, to bytes: inout [UInt8]) {
        if year >= 0 && year <= 9999 { return appendPadded(year, width: 4, to: &bytes) }
        bytes.append(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendPadded(abs(year), width: 6, to: &bytes)
    }

    /// Appends a non-negative number with leading zeros, without going through `String(format:)`.
    static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        guard value >= 0, value < 1_000_000_000 else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        var divisor = 1
        var digits = 1
        while divisor * 10 <= value {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<max(width, digits) { bytes.append(UInt8(ascii: "0")) }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

import Foundation

/// Dates in IML are ISO 8601 text; this converts between that text, epoch milliseconds and `Date`.
enum IMLDate {
    /// `2024-03-01T12:00:00.000Z`.
    static func isoString(_ date: Date) -> String {
        isoString(epochMilliseconds: Int((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func isoString(epochMilliseconds: Int) -> String {
        let civil = CivilTime(epochMilliseconds: epochMilliseconds, offsetSeconds: 0)
        var text = ""
        text.reserveCapacity(24)
        appendYear(civil.year, to: &text)
        text.append("-")
        appendPadded(civil.month, width: 2, to: &text)
        text.append("-")
        appendPadded(civil.day, width: 2, to: &text)
        text.append("T")
        appendPadded(civil.hour, width: 2, to: &text)
        text.append(":")
        appendPadded(civil.minute, width: 2, to: &text)
        text.append(":")
        appendPadded(civil.second, width: 2, to: &text)
        text.append(".")
        appendPadded(civil.millisecond, width: 3, to: &text)
        text.append("Z")
        return text
    }

    static func appendYear(_ year: Int, to text: inout String) {
        if year >= 0 && year <= 9999 { return appendPadded(year, width: 4, to: &text) }
        text.append(year < 0 ? "-" : "+")
        appendPadded(abs(year), width: 6, to: &text)
    }

    /// Appends a non-negative number with leading zeros, without going through `String(format:)`.
    static func appendPadded(_ value: Int, width: Int, to text: inout String) {
        guard value >= 0, value < 1_000_000_000 else {
            text += String(value)
            return
        }
        var divisor = 1
        var digits = 1
        while divisor * 10 <= value {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<max(width, digits) { text.unicodeScalars.append("0") }
        var rest = value
        while divisor > 0 {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: 48 + rest / divisor)))
            rest %= divisor
            divisor /= 10
        }
    }
}

public import Foundation
import RefineryJSON

/// The `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
public enum RetryAfter: Sendable, Hashable {
    case seconds(Double)
    case date(Date)

    /// Parses `120` or `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, also without the weekday);
    /// nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Double(trimmed) {
            // Any number of digits: beyond `Int` it is still a (very long) wait, never a trap.
            self = .seconds(min(seconds, .greatestFiniteMagnitude))
        } else if let date = Self.parseHTTPDate(trimmed) {
            self = .date(date)
        } else {
            return nil
        }
    }

    /// How long to wait from `now`; a date in the past means no wait.
    public func wait(from now: Date) -> Double {
        switch self {
        case .seconds(let seconds): seconds
        case .date(let date): max(0, date.timeIntervalSince(now))
        }
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `[Sun, ]06 Nov 1994 08:49:37 GMT`, always UTC.
    static func parseHTTPDate(_ text: String) -> Date? {
        var rest = Substring(text)
        if let comma = rest.firstIndex(of: ",") { rest = rest[rest.index(after: comma)...] }
        let parts = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, parts[4].uppercased() == "GMT" || parts[4].uppercased() == "UTC",
              let day = Int(parts[0]), let year = year(parts[2]),
              let month = months.firstIndex(of: parts[1].lowercased()) else { return nil }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), (0...23).contains(clock[0]),
              (0...59).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        let days = CivilCalendar.days(year: year, month: month + 1, day: day)
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Four digits; more saturate to the last year `InputLimits.httpDateYears` allows (a date that far
    /// ahead asks for a wait beyond any cap), where the day arithmetic below would overflow.
    static func year(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let years = InputLimits.httpDateYears
        guard text.count <= 4, let year = Int(text) else { return years.upperBound }
        return years.contains(year) ? year : nil
    }
}

import Foundation
import RefineryJSON

/// Refiner's timestamps: ISO 8601 with microseconds and `Z` (`2022-10-12T01:47:33.000000Z`) out;
/// on input also `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, offsets (`+02:00`) and Unix seconds.
enum Timestamp {
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = Int(micros - seconds * 1_000_000)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        return String(unsafeUninitializedCapacity: 27) { buffer in
            var index = 0
            func put(_ value: Int, _ width: Int) {
                var remaining = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[position] = UInt8(48 + remaining % 10)
                    remaining /= 10
                }
                index += width
            }
            func mark(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            put(max(0, min(9999, year)), 4); mark(45); put(month, 2); mark(45); put(day, 2); mark(84)
            put(secondOfDay / 3600, 2); mark(58); put(secondOfDay / 60 % 60, 2); mark(58); put(secondOfDay % 60, 2)
            mark(46); put(fraction, 6); mark(90)
            return index
        }
    }

    /// The start of the UTC day that holds `date`.
    static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let seconds = Double(trimmed) {
            return Date(timeIntervalSince1970: seconds)
        }
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 10, let year = number(bytes, 0, 4), bytes[4] == 45, let month = number(bytes, 5, 2),
              bytes[7] == 45, let day = number(bytes, 8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
        guard bytes.count > 10 else { return Date(timeIntervalSince1970: seconds) }
        guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, let hour = number(bytes, 11, 2), bytes[13] == 58,
              let minute = number(bytes, 14, 2), bytes[16] == 58, let second = number(bytes, 17, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        var index = 19
        if index < bytes.count, bytes[index] == 46 {
            let start = index + 1
            index = start
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start, let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            seconds += fraction
        }
        guard let offset = zoneOffset(bytes[index...]) else { return nil }
        return Date(timeIntervalSince1970: seconds - offset)
    }

    static func zoneOffset(_ rest: ArraySlice<UInt8>) -> Double? {
        if rest.isEmpty || Array(rest) == [90] { return 0 }
        let text = Array(rest)
        guard text.count == 6, text[0] == 43 || text[0] == 45, let hours = number(text, 1, 2), text[3] == 58,
              let minutes = number(text, 4, 2) else { return nil }
        let offset = Double(hours * 3600 + minutes * 60)
        return text[0] == 43 ? offset : -offset
    }

    static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + length)] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

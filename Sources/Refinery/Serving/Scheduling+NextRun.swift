public import Foundation

extension Scheduling {
    /// Whether `refinery serve` runs a polling scenario with this schedule by itself.
    public var isRecurring: Bool {
        switch type {
        case "indefinitely": (interval ?? 0) >= 1
        case "daily": time != nil
        case "weekly": time != nil && !days.isEmpty
        default: false
        }
    }

    /// When the first run is due once serving starts at `start`: at once for an interval, else the next slot.
    public func firstRun(from start: Date) -> Date? {
        type == "indefinitely" ? (isRecurring ? start : nil) : nextRun(after: start)
    }

    /// The next run strictly after `date` (nil when the schedule does not recur).
    public func nextRun(after date: Date) -> Date? {
        guard isRecurring else { return nil }
        if type == "indefinitely", let interval { return date.addingTimeInterval(Double(interval)) }
        guard let time, let minutes = Self.minutesOfDay(time) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone.flatMap(TimeZone.init(identifier:)) ?? .gmt
        let today = calendar.startOfDay(for: date)
        for offset in 0...8 {
            guard let day = calendar.date(byAdding: .day, value: offset, to: today),
                  let slot = calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day),
                  slot > date else { continue }
            if type == "weekly", !days.contains(calendar.component(.weekday, from: slot) - 1) { continue }
            return slot
        }
        return nil
    }

    /// `HH:MM` (24-hour) as minutes after midnight, or nil when malformed.
    static func minutesOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }
}

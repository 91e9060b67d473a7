import Foundation
import RefineryJSON

/// A date and time of day on the proleptic Gregorian calendar, with no zone: what a wall clock shows.
/// Conversions use Howard Hinnant's days-from-civil algorithms (no Calendar, no DateFormatter).
struct CivilTime: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var millisecond = 0

    static let millisecondsPerDay = 86_400_000

    /// The wall-clock time `offsetSeconds` east of UTC at `epochMilliseconds`.
    init(epochMilliseconds: Int, offsetSeconds: Int) {
        let local = epochMilliseconds &+ offsetSeconds &* 1000
        let days = CivilCalendar.floorDivide(local, Self.millisecondsPerDay)
        var rest = local - days * Self.millisecondsPerDay
        (year, month, day) = CivilCalendar.civil(fromDays: days)
        hour = rest / 3_600_000
        rest %= 3_600_000
        minute = rest / 60_000
        rest %= 60_000
        second = rest / 1000
        millisecond = rest % 1000
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// Days since 1970-01-01; months and days out of range roll over (month 13 is January next year).
    var daysSinceEpoch: Int {
        let totalMonths = year * 12 + (month - 1)
        let normalizedYear = CivilCalendar.floorDivide(totalMonths, 12)
        let normalizedMonth = totalMonths - normalizedYear * 12 + 1
        return CivilCalendar.days(year: normalizedYear, month: normalizedMonth, day: 1) + (day - 1)
    }

    /// Milliseconds since the epoch if this wall-clock time were UTC. Overflowing fields roll over.
    var millisecondsAsUTC: Int {
        daysSinceEpoch &* Self.millisecondsPerDay &+ hour &* 3_600_000 &+ minute &* 60_000 &+ second &* 1000 &+ millisecond
    }

    /// 0 = Sunday ... 6 = Saturday.
    var weekday: Int {
        let days = daysSinceEpoch
        return ((days % 7) + 11) % 7
    }

    /// 1-based day of the year.
    var dayOfYear: Int {
        daysSinceEpoch - CivilCalendar.days(year: year, month: 1, day: 1) + 1
    }
}

extension TimeZone {
    /// Seconds east of UTC at an instant given in epoch milliseconds.
    func offsetSeconds(atEpochMilliseconds milliseconds: Int) -> Int {
        if identifier == "GMT" || identifier == "UTC" { return 0 }
        return secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The instant a wall-clock time names in this zone. In a DST gap the time moves forward by the gap;
    /// in an overlap the earlier instant wins.
    func epochMilliseconds(of civil: CivilTime) -> Int {
        let asUTC = civil.millisecondsAsUTC
        let before = offsetSeconds(atEpochMilliseconds: asUTC &- CivilTime.millisecondsPerDay)
        let after = offsetSeconds(atEpochMilliseconds: asUTC &+ CivilTime.millisecondsPerDay)
        var best: Int?
        for offset in [before, after] {
            let candidate = asUTC &- offset &* 1000
            if offsetSeconds(atEpochMilliseconds: candidate) == offset { best = min(best ?? candidate, candidate) }
        }
        return best ?? asUTC &- before &* 1000
    }
}

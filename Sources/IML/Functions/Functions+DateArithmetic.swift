import Foundation
import RefineryJSON

extension FunctionLibrary {
    /// `addSeconds` ... `addYears(date; n)` and `setSecond` ... `setYear(date; n)`; calendar units work on
    /// wall-clock time in the context's time zone (adding a day across a DST change keeps the hour).
    static let dateArithmeticFunctions: [FunctionSpec] = [
        ("addMilliseconds", 1), ("addSeconds", 1000), ("addMinutes", 60_000), ("addHours", 3_600_000),
    ].map { name, unit in
        FunctionSpec(name, 2) { args throws(IMLError) in
            let instant = try milliseconds(&args, 0, zone: args.timeZone)
            let (scaled, overflow) = try args.int(1).multipliedReportingOverflow(by: unit)
            guard !overflow else { throw .integerOverflow(name, column: args.column) }
            return try dateResult(instant.addingReportingOverflow(scaled), args)
        }
    } + [
        calendarSpec("addDays") { civil, n in civil.day += n },
        calendarSpec("addMonths") { _, _ in },
        calendarSpec("addYears") { _, _ in },
        // Out of range, the set functions roll over, as Make documents: `setMinute(d; 61)` is a minute
        // into the next hour, `setDate(d; 0)` the last day of the month before, `setMonth(d; 17)` May of
        // the next year. The civil-to-epoch arithmetic carries the excess.
        calendarSpec("setMillisecond") { civil, n in civil.millisecond = n },
        calendarSpec("setSecond") { civil, n in civil.second = n },
        calendarSpec("setMinute") { civil, n in civil.minute = n },
        calendarSpec("setHour") { civil, n in civil.hour = n },
        calendarSpec("setDate") { civil, n in civil.day = n },
        calendarSpec("setYear", range: -271_820...275_759) { civil, n in
            civil.year = n
            civil.day = min(civil.day, CivilCalendar.daysIn(month: civil.month, year: n))
        },
        namedSpec("setMonth", names: DateFormat.monthNames) { civil, n in
            civil.year += Int((Double(n - 1) / 12).rounded(.down))
            civil.month = ((n - 1) % 12 + 12) % 12 + 1
            civil.day = min(civil.day, CivilCalendar.daysIn(month: civil.month, year: civil.year))
        },
        namedSpec("setDay", names: DateFormat.weekdayNames) { civil, n in
            civil.day += (n - 1) - civil.weekday
        },
    ]

    private static func calendarSpec(
        _ name: String, range: ClosedRange<Int>? = nil, _ change: @escaping @Sendable (inout CivilTime, Int) -> Void
    ) -> FunctionSpec {
        FunctionSpec(name, 2) { args throws(IMLError) in
            let amount = try args.int(1, in: range ?? -1_000_000...1_000_000)
            return try adjust(&args, amount: amount, name: name, change)
        }
    }

    /// Like `calendarSpec`, also accepting English names (`"March"`, `"Mon"`), numbered from 1.
    private static func namedSpec(
        _ name: String, names: [String], range: ClosedRange<Int> = -1_000_000...1_000_000, _ change: @escaping @Sendable (inout CivilTime, Int) -> Void
    ) -> FunctionSpec {
        FunctionSpec(name, 2) { args throws(IMLError) in
            var amount: Int
            if case .string(let text) = args[1], JSONValue.parseNumber(text) == nil {
                let lowered = text.lowercased()
                guard lowered.count >= 3, let index = names.firstIndex(where: { $0.lowercased().hasPrefix(lowered) }) else {
                    throw args.invalid(1, "unknown name '\(text)'")
                }
                amount = index + 1
            } else {
                amount = try args.int(1, in: range)
            }
            return try adjust(&args, amount: amount, name: name, change)
        }
    }

    private static func adjust(
        _ args: inout CallArguments, amount: Int, name: String, _ change: (inout CivilTime, Int) -> Void
    ) throws(IMLError) -> JSONValue {
        let zone = args.timeZone
        let instant = try milliseconds(&args, 0, zone: zone)
        let result: Int
        switch name {
        case "addMonths": result = DateArithmetic.addMonths(instant, amount, zone: zone)
        case "addYears": result = DateArithmetic.addMonths(instant, amount &* 12, zone: zone)
        default:
            var civil = CivilTime(epochMilliseconds: instant, offsetSeconds: zone.offsetSeconds(atEpochMilliseconds: instant))
            change(&civil, amount)
            result = zone.epochMilliseconds(of: civil)
        }
        return try dateResult((result, false), args)
    }

    /// A computed instant as ISO text; outside the dates IML can name (`IMLDate.range`) it is an error.
    private static func dateResult(_ result: (partialValue: Int, overflow: Bool), _ args: CallArguments) throws(IMLError) -> JSONValue {
        guard !result.overflow, IMLDate.range.contains(result.partialValue) else {
            throw args.invalid(1, "the date would fall outside the years -271821 to 275760")
        }
        return .string(IMLDate.isoString(epochMilliseconds: result.partialValue))
    }
}

enum DateArithmetic {
    /// Adds calendar months; the day is clamped to the target month (Jan 31 + 1 month = Feb 28/29).
    static func addMonths(_ instant: Int, _ months: Int, zone: TimeZone) -> Int {
        var civil = CivilTime(epochMilliseconds: instant, offsetSeconds: zone.offsetSeconds(atEpochMilliseconds: instant))
        let total = civil.year * 12 + civil.month - 1 + months
        civil.year = CivilCalendar.floorDivide(total, 12)
        civil.month = total - civil.year * 12 + 1
        civil.day = min(civil.day, CivilCalendar.daysIn(month: civil.month, year: civil.year))
        return zone.epochMilliseconds(of: civil)
    }
}

import Foundation
import RefineryJSON

extension FunctionLibrary {
    static let dateFunctions: [FunctionSpec] = [
        FunctionSpec("formatDate", 2, 3) { args throws(IMLError) in
            try formatDate(&args, format: DateFormat(try args.text(1)), zone: nil)
        },
        FunctionSpec("parseDate", 1, 3) { args throws(IMLError) in
            try parseDate(&args, format: args.has(1) ? DateFormat(try args.text(1)) : nil, zone: nil)
        },
        FunctionSpec("dateDiff", 2, 3) { args throws(IMLError) in try dateDiff(&args) },
    ] + dateArithmeticFunctions

    /// `formatDate` and `parseDate` with a literal format (and zone) compile it once, at compile time.
    static func specialize(_ spec: FunctionSpec, _ arguments: [Expr]) -> FunctionSpec {
        guard spec.name == "formatDate" || spec.name == "parseDate", arguments.count >= 2,
              case .literal(.string(let text)) = arguments[1] else { return spec }
        let format = DateFormat(text)
        let zone: TimeZone?
        if arguments.count == 3, case .literal(.string(let name)) = arguments[2] {
            guard let named = namedZone(name) else { return spec }
            zone = named
        } else {
            zone = nil
        }
        if spec.name == "formatDate" {
            return FunctionSpec(spec.name, spec.minimum, spec.maximum) { args throws(IMLError) in
                try formatDate(&args, format: format, zone: zone)
            }
        }
        return FunctionSpec(spec.name, spec.minimum, spec.maximum) { args throws(IMLError) in
            try parseDate(&args, format: format, zone: zone)
        }
    }

    static func formatDate(_ args: inout CallArguments, format: DateFormat, zone known: TimeZone?) throws(IMLError) -> JSONValue {
        let zone = if let known { known } else { try self.zone(&args, 2) }
        let instant = try milliseconds(&args, 0, zone: zone)
        return .string(format.format(epochMilliseconds: instant, zone: zone))
    }

    static func parseDate(_ args: inout CallArguments, format: DateFormat?, zone known: TimeZone?) throws(IMLError) -> JSONValue {
        let zone = if let known { known } else { try self.zone(&args, 2) }
        if args[0].isNull { return .null }
        guard let format else { return .string(IMLDate.isoString(epochMilliseconds: try milliseconds(&args, 0, zone: zone))) }
        if case .int(let number) = args[0] { args.values[0] = .string(String(number)) }
        let text = try args.text(0)
        let nowYear = CivilTime(epochMilliseconds: IMLDate.epochMilliseconds(args.now), offsetSeconds: 0).year
        guard let instant = format.parse(text, zone: zone, defaultYear: nowYear) else {
            throw .invalidDate(function: args.function, text: text, column: args.column)
        }
        return .string(IMLDate.isoString(epochMilliseconds: instant))
    }

    /// The argument as epoch milliseconds; `null` is an error naming the argument.
    static func milliseconds(_ args: inout CallArguments, _ index: Int, zone: TimeZone) throws(IMLError) -> Int {
        switch args[index] {
        case .string(let text):
            guard let instant = DateInput.parseISO(text, zone: zone) else {
                throw .invalidDate(function: args.function, text: text, column: args.column)
            }
            return instant
        case let value:
            guard let instant = DateInput.milliseconds(value, zone: zone) else {
                throw args.typeError(index, expected: "a date")
            }
            return instant
        }
    }

    /// The zone named by argument `index`, or the context's zone when it is not given.
    static func zone(_ args: inout CallArguments, _ index: Int) throws(IMLError) -> TimeZone {
        guard args.has(index) else { return args.timeZone }
        let name = try args.text(index)
        guard let zone = namedZone(name) else {
            throw .unknownTimeZone(function: args.function, name: name, column: args.column)
        }
        return zone
    }

    /// An IANA name (`Europe/Prague`), `UTC`/`Z`, or a fixed offset (`+02:00`).
    static func namedZone(_ name: String) -> TimeZone? {
        if name == "UTC" || name == "Z" || name == "GMT" { return .gmt }
        if name.contains("/"), let zone = TimeZone(identifier: name) { return zone }
        var reader = DigitReader(name)
        if let offset = reader.offsetSeconds(), reader.isAtEnd { return TimeZone(secondsFromGMT: offset) }
        return TimeZone(identifier: name)
    }

    /// `dateDiff(end; start; [unit])`: `end - start` in `milliseconds` (default), `seconds`, `minutes`,
    /// `hours`, `days`, `weeks`, `months` or `years`, truncated toward zero.
    static func dateDiff(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let end = try milliseconds(&args, 0, zone: args.timeZone)
        let start = try milliseconds(&args, 1, zone: args.timeZone)
        let unit = (try args.optionalText(2) ?? "milliseconds").lowercased()
        let difference = end - start
        let divisors = ["milliseconds": 1, "seconds": 1000, "minutes": 60_000, "hours": 3_600_000,
                        "days": 86_400_000, "weeks": 604_800_000]
        if let divisor = divisors[unit] ?? divisors[unit + "s"] { return .int(difference / divisor) }
        guard unit.hasPrefix("month") || unit.hasPrefix("year") else {
            throw args.invalid(2, "unknown unit '\(unit)'; use milliseconds, seconds, minutes, hours, days, weeks, months or years")
        }
        let months = monthsBetween(start, end, zone: args.timeZone)
        return .int(unit.hasPrefix("month") ? months : months / 12)
    }

    /// Whole calendar months from `start` to `end` (negative when `end` is earlier).
    static func monthsBetween(_ start: Int, _ end: Int, zone: TimeZone) -> Int {
        guard end >= start else { return -monthsBetween(end, start, zone: zone) }
        let from = CivilTime(epochMilliseconds: start, offsetSeconds: zone.offsetSeconds(atEpochMilliseconds: start))
        var months = (CivilTime(epochMilliseconds: end, offsetSeconds: zone.offsetSeconds(atEpochMilliseconds: end)).year - from.year) * 12
        months += CivilTime(epochMilliseconds: end, offsetSeconds: zone.offsetSeconds(atEpochMilliseconds: end)).month - from.month
        while months > 0, DateArithmetic.addMonths(start, months, zone: zone) > end { months -= 1 }
        return months
    }
}

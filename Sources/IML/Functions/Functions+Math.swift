import Foundation
import RefineryJSON

extension FunctionLibrary {
    static let mathFunctions: [FunctionSpec] = [
        FunctionSpec("abs", 1) { args throws(IMLError) in
            if case .int(let value) = args[0], value != Int.min { return .int(abs(value)) }
            return .number(abs(try args.number(0)))
        },
        FunctionSpec("ceil", 1) { args throws(IMLError) in try whole(&args) { $0.rounded(.up) } },
        FunctionSpec("floor", 1) { args throws(IMLError) in try whole(&args) { $0.rounded(.down) } },
        FunctionSpec("round", 1, 2) { args throws(IMLError) in try rounded(&args, .toNearestOrAwayFromZero) },
        FunctionSpec("trunc", 1, 2) { args throws(IMLError) in try rounded(&args, .towardZero) },
        FunctionSpec("sum", 0, FunctionSpec.variadic) { args throws(IMLError) in try sum(&args) },
        FunctionSpec("average", 0, FunctionSpec.variadic) { args throws(IMLError) in
            let values = try numbers(&args)
            guard !values.isEmpty else { return .null }
            return .number(values.reduce(0, +) / Double(values.count))
        },
        FunctionSpec("max", 0, FunctionSpec.variadic) { args throws(IMLError) in
            try numbers(&args).max().map(JSONValue.number) ?? .null
        },
        FunctionSpec("min", 0, FunctionSpec.variadic) { args throws(IMLError) in
            try numbers(&args).min().map(JSONValue.number) ?? .null
        },
        FunctionSpec("median", 0, FunctionSpec.variadic) { args throws(IMLError) in
            let values = try numbers(&args).sorted()
            guard !values.isEmpty else { return .null }
            let middle = values.count / 2
            return .number(values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2)
        },
        FunctionSpec("stdevP", 0, FunctionSpec.variadic) { args throws(IMLError) in
            try deviation(try numbers(&args), sample: false)
        },
        FunctionSpec("stdevS", 0, FunctionSpec.variadic) { args throws(IMLError) in
            try deviation(try numbers(&args), sample: true)
        },
        FunctionSpec("formatNumber", 2, 4) { args throws(IMLError) in try formatNumber(&args) },
        FunctionSpec("parseNumber", 1, 2) { args throws(IMLError) in try parseNumber(&args) },
    ]

    private static func whole(_ args: inout CallArguments, _ operation: (Double) -> Double) throws(IMLError) -> JSONValue {
        if case .int = args[0] { return args[0] }
        return .number(operation(try args.number(0)))
    }

    /// `round(n; [decimals])`, `trunc(n; [decimals])`: half away from zero for `round`.
    /// `decimals` may be negative, as Make documents for `trunc`: `trunc(1234.5; -2)` is 1200.
    private static func rounded(_ args: inout CallArguments, _ rule: FloatingPointRoundingRule) throws(IMLError) -> JSONValue {
        let decimals = try args.optionalInt(1, in: -15...15) ?? 0
        if decimals < 0 {
            let scale = pow(10, Double(-decimals))
            let result = (try args.number(0) / scale).rounded(rule) * scale
            if case .int = args[0], let exact = Int(exactly: result) { return .int(exact) }
            return .number(result)
        }
        if case .int = args[0] { return args[0] }
        let value = try args.number(0)
        guard decimals > 0 else { return .number(value.rounded(rule)) }
        let scale = pow(10, Double(decimals))
        return .number((value * scale).rounded(rule) / scale)
    }

    /// Every numeric argument, with arrays flattened one level; `null` items are skipped.
    static func numbers(_ args: inout CallArguments) throws(IMLError) -> [Double] {
        var values: [Double] = []
        for index in 0..<args.count {
            let items: [JSONValue] = if case .array(let array) = args[index] { array } else { [args[index]] }
            for item in items where !item.isNull {
                guard let number = item.imlNumber, !item.isBool else { throw args.typeError(index, expected: "numbers") }
                values.append(number)
            }
        }
        return values
    }

    /// Integers add exactly (an overflow is an error); any double makes the sum a double.
    private static func sum(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        var integer = 0
        var allIntegers = true
        for index in 0..<args.count {
            let items: [JSONValue] = if case .array(let array) = args[index] { array } else { [args[index]] }
            for case .int(let value) in items {
                let (total, overflow) = integer.addingReportingOverflow(value)
                if overflow { throw .integerOverflow("sum", column: args.column) }
                integer = total
            }
            allIntegers = allIntegers && items.allSatisfy { if case .int = $0 { true } else { $0.isNull } }
        }
        if allIntegers { return .int(integer) }
        return .number(try numbers(&args).reduce(0, +))
    }

    private static func deviation(_ values: [Double], sample: Bool) throws(IMLError) -> JSONValue {
        let divisor = Double(values.count - (sample ? 1 : 0))
        guard divisor > 0 else { return .null }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return .number((squares / divisor).squareRoot())
    }

    /// `formatNumber(n; decimals; [decimalSeparator=","]; [thousandsSeparator="."])`.
    private static func formatNumber(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let value = try args.number(0)
        let decimals = try args.int(1, in: 0...20)
        let decimalSeparator = args.count > 2 ? try args.text(2) : ","
        let thousandsSeparator = args.count > 3 ? try args.text(3) : "."
        let scale = pow(10, Double(decimals))
        let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard rounded.isFinite, rounded < 9e18 else { throw args.invalid(0, "the number is too large to format") }
        // The scaled number's digits, split `decimals` from the right: no `Int(scale)`, which traps from
        // 19 decimals on (10^19 is beyond `Int`).
        let units = Int(rounded)
        let digits = String(units)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let integerPart = padded.dropLast(decimals)
        var grouped = ""
        for (offset, digit) in integerPart.enumerated() {
            if offset > 0, (integerPart.count - offset) % 3 == 0 { grouped += thousandsSeparator }
            grouped.append(digit)
        }
        var text = (value < 0 && units != 0 ? "-" : "") + grouped
        if decimals > 0 { text += decimalSeparator + padded.suffix(decimals) }
        return .string(text)
    }

    /// `parseNumber(text; [decimalSeparator="."])`: drops every other separator and spaces; `null` when
    /// nothing numeric is left.
    private static func parseNumber(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        if case .int = args[0] { return args[0] }
        if case .double = args[0] { return args[0] }
        let text = try args.text(0)
        let separator = args.has(1) ? try args.text(1) : "."
        var cleaned = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let isExponent = (character == "e" || character == "E") && !cleaned.isEmpty
                && (next.isNumber || next == "-" || next == "+")
            if character.isASCII, character.isNumber || character == "-" || character == "+" || isExponent {
                cleaned.append(character)
            } else if String(character) == separator {
                cleaned.append(".")
            }
        }
        guard let value = Double(cleaned), value.isFinite else { return .null }
        return .number(value)
    }
}

extension JSONValue {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}

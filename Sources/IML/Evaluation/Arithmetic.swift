import RefineryJSON

/// The binary operators. Integers stay integers while exact and in range (checked, never trapping);
/// anything else is computed in doubles and whole results come back as integers.
enum Arithmetic {
    static func apply(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue, column: Int) throws(IMLError) -> JSONValue {
        switch op {
        case .equal: return .bool(left.imlEquals(right))
        case .notEqual: return .bool(!left.imlEquals(right))
        case .less: return .bool(left.imlCompare(right) == .orderedAscending)
        case .lessOrEqual: return .bool(left.imlCompare(right).map { $0 != .orderedDescending } ?? false)
        case .greater: return .bool(left.imlCompare(right) == .orderedDescending)
        case .greaterOrEqual: return .bool(left.imlCompare(right).map { $0 != .orderedAscending } ?? false)
        case .add: return try add(left, right, column: column)
        default: return try numeric(op, left, right, column: column)
        }
    }

    /// `+` concatenates when either side is text; otherwise adds numbers (`null` counts as nothing).
    static func add(_ left: JSONValue, _ right: JSONValue, column: Int) throws(IMLError) -> JSONValue {
        switch (left, right) {
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.string(let a), _): return .string(a + right.imlText)
        case (_, .string(let b)): return .string(left.imlText + b)
        case (.null, .null): return .null
        case (.null, .int), (.null, .double): return right
        case (.int, .null), (.double, .null): return left
        case (.array(let a), .array(let b)): return .array(a + b)
        default: return try numeric(.add, left, right, column: column)
        }
    }

    static func numeric(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue, column: Int) throws(IMLError) -> JSONValue {
        if case .int(let a) = left, case .int(let b) = right { return try integer(op, a, b, column: column) }
        guard let a = operand(left), let b = operand(right) else {
            throw .operandType(op.rawValue, left, right, column: column)
        }
        if let exactA = Int(exactly: a), let exactB = Int(exactly: b), left.isWhole, right.isWhole {
            return try integer(op, exactA, exactB, column: column)
        }
        switch op {
        case .multiply: return .number(a * b)
        case .divide:
            guard b != 0 else { throw .divisionByZero(column) }
            return .number(a / b)
        case .remainder:
            guard b != 0 else { throw .divisionByZero(column) }
            return .number(a.truncatingRemainder(dividingBy: b))
        case .subtract: return .number(a - b)
        default: return .number(a + b)
        }
    }

    /// A number for arithmetic: numbers, numeric text, booleans; `null` and `""` are 0.
    private static func operand(_ value: JSONValue) -> Double? {
        switch value {
        case .null: 0
        case .string(let text) where text.isEmpty: 0
        case .array, .object: nil
        default: value.imlNumber
        }
    }

    private static func integer(_ op: BinaryOperator, _ a: Int, _ b: Int, column: Int) throws(IMLError) -> JSONValue {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .multiply: result = a.multipliedReportingOverflow(by: b)
        case .subtract: result = a.subtractingReportingOverflow(b)
        case .divide:
            guard b != 0 else { throw .divisionByZero(column) }
            let (quotient, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { throw .integerOverflow(op.rawValue, column: column) }
            return a % b == 0 ? .int(quotient) : .number(Double(a) / Double(b))
        case .remainder:
            guard b != 0 else { throw .divisionByZero(column) }
            result = a.remainderReportingOverflow(dividingBy: b)
        default: result = a.addingReportingOverflow(b)
        }
        if result.overflow { throw .integerOverflow(op.rawValue, column: column) }
        return .int(result.partialValue)
    }

    static func negate(_ value: JSONValue, column: Int) throws(IMLError) -> JSONValue {
        if case .int(let integer) = value {
            let (negated, overflow) = 0.subtractingReportingOverflow(integer)
            if overflow { throw .integerOverflow("-", column: column) }
            return .int(negated)
        }
        guard let number = operand(value) else { throw .operandType("-", .int(0), value, column: column) }
        return .number(-number)
    }
}

extension JSONValue {
    /// An integer, or numeric text / a double that is a whole number.
    var isWhole: Bool {
        switch self {
        case .int, .null, .bool: true
        case .double(let value): value.rounded(.towardZero) == value && abs(value) <= 9_007_199_254_740_992
        case .string(let text):
            text.isEmpty || JSONValue.parseNumber(text).map { $0.rounded(.towardZero) == $0 && abs($0) <= 9_007_199_254_740_992 } ?? false
        default: false
        }
    }
}

import RefineryJSON

/// The value rules of IML, written down in docs/iml.md ("Semantics").
extension JSONValue {
    /// A double result as IML returns it: whole numbers up to 2^53 become integers, so `2.5 * 2` is `5`.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 { return .int(Int(value)) }
        return .double(value)
    }

    /// Falsy: `null`, `false`, `0`, `NaN`, `""`. Everything else (including `"false"`, `[]` and `{}`) is truthy.
    var imlTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .double(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .array, .object: true
        }
    }

    /// Empty for `ifempty` and friends: `null`, `""` (and a string of only spaces), not `[]`.
    var imlIsEmpty: Bool {
        switch self {
        case .null: true
        case .string(let value): value.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    /// The value as text: `null` is empty, numbers print without a trailing `.0`, arrays join their items
    /// with `, `, objects are compact JSON.
    var imlText: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.text(of: value)
        case .string(let value): value
        case .array(let items): items.map(\.imlText).joined(separator: ", ")
        case .object: serialized()
        }
    }

    static func text(of double: Double) -> String {
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        if double.rounded(.towardZero) == double, abs(double) < 1e21 {
            if let exact = Int(exactly: double) { return String(exact) }
        }
        return double.description
    }

    /// The number a value stands for in arithmetic: numbers, numeric text (`"12.5"`), booleans as 1 and 0.
    /// `null` and the empty string are nil (callers decide whether that means 0).
    var imlNumber: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .bool(let value): value ? 1 : 0
        case .string(let text): Self.parseNumber(text)
        default: nil
        }
    }

    /// An integer when the value is one, or numeric text that is one.
    var imlInt: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): value.rounded(.towardZero) == value ? Int(exactly: value) : nil
        case .string(let text):
            Int(text.trimmingSpaces) ?? Self.parseNumber(text).flatMap { JSONValue.double($0).imlInt }
        case .bool(let value): value ? 1 : 0
        default: nil
        }
    }

    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, let first = trimmed.unicodeScalars.first,
              first == "-" || first == "+" || first == "." || Lexer.isDigit(first) else { return nil }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// Loose equality: numbers by value (`1 = 1.0`), numeric text equals its number (`"5" = 5`), booleans
    /// equal their text (`true = "true"`), `null` equals only `null`, arrays and objects compare deeply.
    func imlEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let left), .int(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int, .double), (.double, .int), (.double, .double): return doubleValue == other.doubleValue
        case (.string(let text), .int), (.string(let text), .double): return Self.parseNumber(text) == other.doubleValue
        case (.int, .string), (.double, .string): return other.imlEquals(self)
        case (.bool(let left), .bool(let right)): return left == right
        case (.bool(let flag), .string(let text)), (.string(let text), .bool(let flag)):
            return text == (flag ? "true" : "false")
        case (.bool(let flag), .int), (.bool(let flag), .double): return (flag ? 1.0 : 0.0) == other.doubleValue
        case (.int, .bool), (.double, .bool): return other.imlEquals(self)
        default: return self == other
        }
    }

    /// Ordering for `< <= > >=` and `sort`: numbers (and numeric text against a number) by value, text by
    /// Unicode scalars. Nil when the two cannot be ordered (then every comparison is false).
    func imlCompare(_ other: JSONValue) -> Ordering? {
        switch (self, other) {
        case (.int(let left), .int(let right)): return Self.order(left, right)
        case (.string(let left), .string(let right)): return Self.order(left, right)
        case (.bool(let left), .bool(let right)): return Self.order(left ? 1 : 0, right ? 1 : 0)
        default:
            guard let left = imlComparableNumber, let right = other.imlComparableNumber else { return nil }
            return Self.order(left, right)
        }
    }

    private var imlComparableNumber: Double? {
        switch self {
        case .int, .double, .string: imlNumber
        default: nil
        }
    }

    static func order<T: Comparable>(_ left: T, _ right: T) -> Ordering {
        left < right ? .orderedAscending : (left == right ? .orderedSame : .orderedDescending)
    }
}

/// The outcome of comparing two values.
enum Ordering: Sendable {
    case orderedAscending, orderedSame, orderedDescending
}

extension String {
    var trimmingSpaces: Substring {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view
    }
}

import Foundation
import RefineryJSON

/// The evaluated arguments of one call, with accessors that turn a wrong type into a diagnostic naming the
/// function and the argument (1-based in messages).
struct CallArguments {
    let function: String
    let column: Int
    var values: [JSONValue]
    let now: Date
    let timeZone: TimeZone
    var random: SeededGenerator

    var count: Int { values.count }

    /// The argument at 0-based `index`, or `null` when it was not given.
    subscript(index: Int) -> JSONValue {
        index < values.count ? values[index] : .null
    }

    func has(_ index: Int) -> Bool {
        index < values.count && !values[index].isNull
    }

    func typeError(_ index: Int, expected: String) -> IMLError {
        .argumentType(function: function, position: index + 1, expected: expected, got: self[index], column: column)
    }

    func invalid(_ index: Int, _ detail: String) -> IMLError {
        .invalidArgument(function: function, position: index + 1, detail, column: column)
    }

    /// Text: strings as they are, numbers and booleans printed, `null` as empty. Arrays and objects are errors.
    func text(_ index: Int) throws(IMLError) -> String {
        switch self[index] {
        case .string(let value): return value
        case .null: return ""
        case .int, .double, .bool: return self[index].imlText
        case .array, .object: throw typeError(index, expected: "text")
        }
    }

    func optionalText(_ index: Int) throws(IMLError) -> String? {
        has(index) ? try text(index) : nil
    }

    /// A number: numbers and numeric text. `null` and anything else is an error.
    func number(_ index: Int) throws(IMLError) -> Double {
        guard let value = self[index].imlNumber else { throw typeError(index, expected: "a number") }
        return value
    }

    func optionalNumber(_ index: Int) throws(IMLError) -> Double? {
        has(index) ? try number(index) : nil
    }

    /// A whole number, within `range` when given.
    func int(_ index: Int, in range: ClosedRange<Int>? = nil) throws(IMLError) -> Int {
        guard let value = self[index].imlInt else { throw typeError(index, expected: "a whole number") }
        if let range, !range.contains(value) {
            throw invalid(index, "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func optionalInt(_ index: Int, in range: ClosedRange<Int>? = nil) throws(IMLError) -> Int? {
        has(index) ? try int(index, in: range) : nil
    }

    /// An array; `null` is the empty array and any other single value is a one-item array.
    func array(_ index: Int) -> [JSONValue] {
        switch self[index] {
        case .array(let items): items
        case .null: []
        default: [self[index]]
        }
    }

    /// An array, strictly: anything else is an error (`null` is the empty array).
    func strictArray(_ index: Int) throws(IMLError) -> [JSONValue] {
        switch self[index] {
        case .array(let items): return items
        case .null: return []
        default: throw typeError(index, expected: "an array")
        }
    }

    func object(_ index: Int) throws(IMLError) -> JSONObject {
        switch self[index] {
        case .object(let object): return object
        case .null: return JSONObject()
        default: throw typeError(index, expected: "an object")
        }
    }
}

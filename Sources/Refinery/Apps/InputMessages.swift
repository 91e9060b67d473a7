import IML
import RefineryJSON

/// Every message about module input, in one place.
enum InputMessages {
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "'\(text.count > 60 ? String(text.prefix(60)) + "..." : text)'"
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: String(Int(number))
        case .array, .object: value.typeName
        default: value.serialized()
        }
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    static func required(_ field: String) -> String { "field '\(field)' is required" }

    static func unknownField(_ field: String, suggestion: String?) -> String {
        "unknown field '\(field)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }

    static func wrongType(_ field: String, expected: FieldSpec.FieldType, found: String) -> String {
        let article = ["integer", "uinteger", "email", "url", "array", "any"].contains(expected.rawValue) ? "an" : "a"
        let name = expected == .uinteger ? "unsigned integer" : expected.rawValue
        return "field '\(field)' must be \(article) \(name), not \(found)"
    }

    static func notAnOption(_ field: String, _ value: String, options: [String]) -> String {
        "field '\(field)': \(value) is not one of the options (\(options.joined(separator: ", ")))"
    }

    static func notAllowed(_ field: String, _ value: String, allowed: [JSONValue]) -> String {
        "field '\(field)': \(value) is not an allowed value (\(allowed.map(\.description).joined(separator: ", ")))"
    }

    static func tooLong(_ field: String, length: Int, max: Int) -> String {
        "field '\(field)' is \(length) characters long, more than the maximum \(max)"
    }

    static func tooShort(_ field: String, length: Int, min: Int) -> String {
        "field '\(field)' is \(length) characters long, less than the minimum \(min)"
    }

    static func noMatch(_ field: String, _ value: String, pattern: String) -> String {
        "field '\(field)': \(value) does not match the pattern '\(pattern)'"
    }

    static func patternTooSlow(_ field: String, pattern: String, length: Int) -> String {
        "field '\(field)': the pattern '\(pattern)' did not finish matching its \(length) characters within \(BoundedRegex.maxSeconds) s"
    }

    static func tooLarge(_ field: String, _ value: String, max: Double) -> String {
        "field '\(field)': \(value) is more than the maximum \(number(max))"
    }

    static func tooSmall(_ field: String, _ value: String, min: Double) -> String {
        "field '\(field)': \(value) is less than the minimum \(number(min))"
    }

    static func tooManyItems(_ field: String, count: Int, max: Int) -> String {
        "field '\(field)' has \(count) items, more than the maximum \(max)"
    }

    static func tooFewItems(_ field: String, count: Int, min: Int) -> String {
        "field '\(field)' has \(count) items, fewer than the minimum \(min)"
    }

    static func anyOf(_ fields: [String]) -> String {
        "at least one of \(fields.map { "'\($0)'" }.joined(separator: ", ")) is required"
    }

    static func oneOf(_ fields: [String], present: [String]) -> String {
        let list = fields.map { "'\($0)'" }.joined(separator: ", ")
        return present.isEmpty ? "exactly one of \(list) is required, none was given"
            : "exactly one of \(list) is allowed, \(present.count) were given (\(present.joined(separator: ", ")))"
    }
}

import Foundation
import IML
import RefineryJSON

extension InputValidator {
    /// `validate` on a value already converted to the field's type.
    mutating func applyRules(_ rules: FieldRules, to value: JSONValue, field: FieldSpec, path: String) {
        guard !rules.isEmpty else { return }
        switch value {
        case .string(let text): textRules(rules, text, field: field, path: path)
        case .int, .double: numberRules(rules, value.doubleValue ?? 0, field: field, path: path)
        case .array(let items): itemRules(rules, count: items.count, path: path)
        default: break
        }
        if let allowed = rules.allowed, !allowed.contains(value) {
            fail(path, "enum", InputMessages.notAllowed(path, shown(value, field), allowed: allowed))
        }
    }

    mutating func textRules(_ rules: FieldRules, _ text: String, field: FieldSpec, path: String) {
        let length = text.count
        if let max = rules.maxLength ?? rules.max.map({ Int(saturating: $0) }), length > max {
            fail(path, "maxLength", InputMessages.tooLong(path, length: length, max: max))
        }
        if let min = rules.minLength ?? rules.min.map({ Int(saturating: $0) }), length < min {
            fail(path, "minLength", InputMessages.tooShort(path, length: length, min: min))
        }
        if let pattern = rules.pattern {
            switch BoundedRegex.search(pattern, in: text) {
            case .matched: break
            case .tooSlow: fail(path, "pattern", InputMessages.patternTooSlow(path, pattern: pattern, length: length))
            case .notMatched, .invalidPattern: fail(path, "pattern", InputMessages.noMatch(path, shown(.string(text), field), pattern: pattern))
            }
        }
    }

    mutating func numberRules(_ rules: FieldRules, _ number: Double, field: FieldSpec, path: String) {
        if let max = rules.max, number > max {
            fail(path, "max", InputMessages.tooLarge(path, shown(.double(number), field), max: max))
        }
        if let min = rules.min, number < min {
            fail(path, "min", InputMessages.tooSmall(path, shown(.double(number), field), min: min))
        }
    }

    mutating func itemRules(_ rules: FieldRules, count: Int, path: String) {
        if let max = rules.maxItems, count > max {
            fail(path, "maxItems", InputMessages.tooManyItems(path, count: count, max: max))
        }
        if let min = rules.minItems, count < min {
            fail(path, "minItems", InputMessages.tooFewItems(path, count: count, min: min))
        }
    }
}

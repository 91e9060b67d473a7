public import RefineryJSON

/// Checks a module's input against its field specs before any request: types (with Make's lenient
/// conversions: numbers from numeric strings, text from numbers), `required`, `default`, `validate`,
/// `select` options, nested arrays and collections. Collects every failure; the result is the input with
/// defaults applied, values converted and empty optional values dropped.
public struct InputValidator {
    public struct Failure: Sendable, Hashable {
        public var field: String
        public var rule: String
        public var message: String
    }

    public let module: String
    public private(set) var failures: [Failure] = []

    public init(module: String) {
        self.module = module
    }

    /// Validates a whole input object against `fields`; unknown keys are failures too.
    public mutating func validate(_ input: JSONObject, fields: [FieldSpec], path: String = "") -> JSONObject {
        var output = JSONObject()
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            let value = input[field.name] ?? .null
            if Self.isEmpty(value) {
                if let fallback = field.defaultValue {
                    output[field.name] = fallback
                } else if field.required {
                    fail(fieldPath, "required", InputMessages.required(fieldPath))
                }
                continue
            }
            output[field.name] = check(value, against: field, path: fieldPath)
        }
        let known = Set(fields.map(\.name))
        for key in input.keys where !known.contains(key) {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            fail(keyPath, "unknown", InputMessages.unknownField(keyPath, suggestion: Suggestion.closest(to: key, in: known)))
        }
        return output
    }

    /// Checks one non-empty value; returns it converted to the field's type.
    @discardableResult
    public mutating func check(_ value: JSONValue, against field: FieldSpec, path: String) -> JSONValue {
        guard let converted = convert(value, to: field, path: path) else {
            fail(path, "type", InputMessages.wrongType(path, expected: field.type, found: shown(value, field)))
            return value
        }
        applyRules(field.rules, to: converted, field: field, path: path)
        return converted
    }

    /// `null`, `""` and (for Make) nothing else count as empty.
    static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        default: false
        }
    }

    mutating func fail(_ field: String, _ rule: String, _ message: String) {
        failures.append(Failure(field: field, rule: rule, message: message))
    }

    func shown(_ value: JSONValue, _ field: FieldSpec) -> String {
        field.secret ? "<redacted>" : InputMessages.describe(value)
    }

    /// Checks `anyOf` (at least one) and `oneOf` (exactly one) constraints on the validated input.
    public mutating func check(_ constraints: [InputConstraint], in input: JSONObject) {
        for constraint in constraints {
            let present = constraint.fields.filter { input[$0].map { !Self.isEmpty($0) } ?? false }
            switch constraint.kind {
            case .anyOf where present.isEmpty:
                fail(constraint.fields.joined(separator: "|"), "anyOf", InputMessages.anyOf(constraint.fields))
            case .oneOf where present.count != 1:
                fail(constraint.fields.joined(separator: "|"), "oneOf", InputMessages.oneOf(constraint.fields, present: present))
            default:
                continue
            }
        }
    }

    /// The failures as one `DataError` (nil when there are none).
    public func error() -> ModuleError? {
        guard let first = failures.first else { return nil }
        var error = ModuleError(.data, code: "input.\(first.rule)", message: first.message, module: module.isEmpty ? nil : module)
        error.field = first.field
        error.rule = first.rule
        error.details = failures.dropFirst().map(\.message)
        return error
    }
}

/// A rule over several input fields: `anyOf` needs at least one of them, `oneOf` exactly one.
public struct InputConstraint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case anyOf, oneOf }
    public var kind: Kind
    public var fields: [String]

    public init(kind: Kind, fields: [String]) {
        self.kind = kind
        self.fields = fields
    }
}

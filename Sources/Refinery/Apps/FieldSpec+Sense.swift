import RefineryJSON

extension SpecReader {
    /// Reports field specs that cannot work: options on a non-select, bounds that cross, rules for
    /// another type, a default that breaks the field's own rules.
    mutating func checkSense(of field: FieldSpec, object: JSONObject, at pointer: JSONPointer) {
        let rules = field.rules
        var problems: [(detail: String, key: String)] = []
        let problem = { (detail: String, key: String) in problems.append((detail, key)) }
        if field.type == .select, field.options.isEmpty {
            problem("a select field needs 'options'", "type")
        }
        if field.type != .select, object["options"] != nil {
            problem("'options' only apply to select fields, not \(field.type.rawValue)", "options")
        }
        if let min = rules.min, let max = rules.max, min > max {
            problem("'min' \(min) is greater than 'max' \(max)", "validate")
        }
        if let min = rules.minLength, let max = rules.maxLength, min > max || max < 0 {
            problem("'minLength' \(min) is greater than 'maxLength' \(max)", "validate")
        }
        if let min = rules.minItems, let max = rules.maxItems, min > max {
            problem("'minItems' \(min) is greater than 'maxItems' \(max)", "validate")
        }
        if !rules.isEmpty, field.type == .boolean || field.type == .collection {
            problem("'validate' has no rules for \(field.type.rawValue) fields", "validate")
        }
        if rules.pattern != nil || rules.minLength != nil || rules.maxLength != nil, !field.type.isTextual {
            problem("'pattern', 'minLength' and 'maxLength' apply to text fields, not \(field.type.rawValue)", "validate")
        }
        if rules.minItems != nil || rules.maxItems != nil, field.type != .array, !field.multiple {
            problem("'minItems' and 'maxItems' apply to arrays, not \(field.type.rawValue)", "validate")
        }
        if field.type == .uinteger, let min = rules.min, min < 0 {
            problem("a uinteger cannot be below 0 ('min' \(min))", "validate")
        }
        for (detail, key) in problems {
            report("module.invalid-field-spec", SpecMessages.fieldRule(detail), at: pointer.appending(key), atKey: true)
        }
        checkDefault(of: field, at: pointer)
    }

    mutating func checkDefault(of field: FieldSpec, at pointer: JSONPointer) {
        guard let value = field.defaultValue else { return }
        var validator = InputValidator(module: "")
        _ = validator.check(value, against: field, path: field.name.isEmpty ? "default" : field.name)
        if let failure = validator.failures.first {
            report("module.invalid-default", "the default value does not fit its own field: \(failure.message)", at: pointer.appending("default"))
        }
    }
}

extension FieldSpec.FieldType {
    /// Types whose values are strings.
    var isTextual: Bool {
        switch self {
        case .text, .email, .url, .date, .select: true
        default: false
        }
    }
}

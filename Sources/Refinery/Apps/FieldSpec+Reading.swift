public import RefineryJSON
import Foundation

extension SpecReader {
    public static let fieldKeys = ["name", "type", "label", "help", "required", "default", "secret", "advanced", "validate",
                            "options", "multiple", "spec", "env", "mappable", "editable", "time", "semantic", "placeholder"]
    public static let ruleKeys = ["min", "max", "minLength", "maxLength", "pattern", "enum", "minItems", "maxItems"]

    /// A list of field specs (`parameters`, `expect`, `interface`, a collection's `spec`).
    public mutating func fields(_ value: JSONValue?, at pointer: JSONPointer, what: String) -> [FieldSpec] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report("module.wrong-type", SpecMessages.wrongType(what, expected: "an array of field specs", found: value), at: pointer)
            return []
        }
        var seen: Set<String> = []
        var result: [FieldSpec] = []
        for (index, item) in items.enumerated() {
            guard let field = field(item, at: pointer.appending(index), requireName: true) else { continue }
            if !seen.insert(field.name).inserted {
                report("module.duplicate-field", SpecMessages.duplicateField(field.name), at: pointer.appending(index).appending("name"))
            }
            result.append(field)
        }
        return result
    }

    /// One field spec. Array item specs (`requireName: false`) may leave out `name`.
    public mutating func field(_ value: JSONValue, at pointer: JSONPointer, requireName: Bool) -> FieldSpec? {
        guard let object = object(value, at: pointer, allowed: Self.fieldKeys, what: "a field spec") else { return nil }
        let name = string(object, "name", at: pointer, required: requireName, what: "a field spec") ?? ""
        let typeChoices = FieldSpec.FieldType.allCases.map(\.rawValue)
        guard let typeName = choice(object, "type", at: pointer, choices: typeChoices, required: true, what: "field '\(name)'", code: "module.unknown-type"),
              let type = FieldSpec.FieldType(rawValue: typeName) else { return nil }
        var field = FieldSpec(name: name, type: type)
        field.label = string(object, "label", at: pointer, what: "field")
        field.help = string(object, "help", at: pointer, what: "field")
        field.required = bool(object, "required", at: pointer) ?? false
        field.secret = bool(object, "secret", at: pointer) ?? false
        field.advanced = bool(object, "advanced", at: pointer) ?? false
        field.multiple = bool(object, "multiple", at: pointer) ?? false
        field.environmentVariable = string(object, "env", at: pointer, what: "field")
        field.defaultValue = object["default"]
        if let rules = object["validate"] { field.rules = self.rules(rules, at: pointer.appending("validate"), type: type) }
        field.options = options(object["options"], at: pointer.appending("options"))
        field.nested = nested(object["spec"], at: pointer.appending("spec"), type: type)
        checkSense(of: field, object: object, at: pointer)
        return field
    }

    mutating func options(_ value: JSONValue?, at pointer: JSONPointer) -> [FieldSpec.SelectOption] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'options'", expected: "an array of {label, value}", found: value), at: pointer)
            return []
        }
        return items.enumerated().compactMap { index, item in
            let itemPointer = pointer.appending(index)
            guard let object = object(item, at: itemPointer, allowed: ["label", "value", "description", "default"], what: "an option"),
                  let optionValue = object["value"] else {
                if item.objectValue != nil { report("module.missing-field", SpecMessages.missing("value", in: "an option"), at: itemPointer) }
                return nil
            }
            let label = string(object, "label", at: itemPointer, what: "an option") ?? optionValue.serialized()
            return FieldSpec.SelectOption(label: label, value: optionValue)
        }
    }

    mutating func nested(_ value: JSONValue?, at pointer: JSONPointer, type: FieldSpec.FieldType) -> FieldSpec.Nested? {
        guard let value else { return nil }
        switch (type, value) {
        case (.array, .object), (.collection, .object):
            return field(value, at: pointer, requireName: false).map { .item($0) }
        case (.array, .array), (.collection, .array):
            return .fields(fields(value, at: pointer, what: "'spec'"))
        case (.collection, _):
            report("module.wrong-type", SpecMessages.wrongType("a collection's 'spec'", expected: "an array of field specs or one value spec", found: value), at: pointer)
        default:
            report("module.invalid-field-spec", SpecMessages.fieldRule("'spec' only applies to array and collection fields, not \(type.rawValue)"), at: pointer, atKey: true)
        }
        return nil
    }

    mutating func rules(_ value: JSONValue, at pointer: JSONPointer, type: FieldSpec.FieldType) -> FieldRules {
        guard let object = object(value, at: pointer, allowed: Self.ruleKeys, what: "'validate'") else { return FieldRules() }
        var rules = FieldRules()
        rules.min = number(object, "min", at: pointer)
        rules.max = number(object, "max", at: pointer)
        rules.minLength = number(object, "minLength", at: pointer).map { Int(saturating: $0) }
        rules.maxLength = number(object, "maxLength", at: pointer).map { Int(saturating: $0) }
        rules.minItems = number(object, "minItems", at: pointer).map { Int(saturating: $0) }
        rules.maxItems = number(object, "maxItems", at: pointer).map { Int(saturating: $0) }
        rules.allowed = array(object, "enum", at: pointer)
        rules.pattern = string(object, "pattern", at: pointer, what: "'validate'")
        if let pattern = rules.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            report("module.invalid-pattern", "'\(pattern)' is not a valid regular expression", at: pointer.appending("pattern"))
            rules.pattern = nil
        }
        return rules
    }

    mutating func number(_ object: JSONObject, _ key: String, at pointer: JSONPointer) -> Double? {
        guard let value = object[key] else { return nil }
        guard let number = value.doubleValue else {
            report("module.wrong-type", SpecMessages.wrongType("'\(key)'", expected: "a number", found: value), at: pointer.appending(key))
            return nil
        }
        return number
    }
}

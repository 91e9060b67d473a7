import Foundation
import RefineryJSON

extension InputValidator {
    /// The value converted to the field's type, or nil when it cannot be.
    mutating func convert(_ value: JSONValue, to field: FieldSpec, path: String) -> JSONValue? {
        switch field.type {
        case .any: value
        case .text: Self.text(value).map(JSONValue.string)
        case .number: Self.number(value)
        case .integer: Self.integer(value).map(JSONValue.int)
        case .uinteger: Self.integer(value).flatMap { $0 >= 0 ? JSONValue.int($0) : Optional<JSONValue>.none }
        case .boolean: Self.boolean(value).map(JSONValue.bool)
        case .date: Self.string(value, where: Self.isDate)
        case .email: Self.string(value, where: Self.isEmail)
        case .url: Self.string(value, where: Self.isURL)
        case .select: select(value, field: field, path: path)
        case .array: array(value, field: field, path: path)
        case .collection: collection(value, field: field, path: path)
        }
    }

    /// The value when it is a string passing `check` (careful: `JSONValue` is nil-literal-expressible).
    static func string(_ value: JSONValue, where check: (String) -> Bool) -> JSONValue? {
        guard case .string(let text) = value, check(text) else { return Optional<JSONValue>.none }
        return value
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): number.description
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    static func number(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .int, .double: value
        case .string(let text):
            if let integer = Int(text) { .int(integer) } else if let double = Double(text), double.isFinite { .double(double) } else { nil }
        default: nil
        }
    }

    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .int, .double: value.intValue
        case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .string("true"), .string("1"), .int(1): true
        case .string("false"), .string("0"), .int(0): false
        default: nil
        }
    }

    /// ISO 8601: `2026-10-12`, `2026-10-12T09:47`, `2026-10-12T09:47:33.000000Z`, with an optional offset.
    static func isDate(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$"#,
                   options: .regularExpression) != nil
    }

    static func isEmail(_ text: String) -> Bool {
        text.count <= 254 && text.range(of: #"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"#, options: .regularExpression) != nil
    }

    static func isURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(url.host ?? "").isEmpty
    }

    mutating func select(_ value: JSONValue, field: FieldSpec, path: String) -> JSONValue? {
        let allowed = field.options.map(\.value)
        let matches = { (candidate: JSONValue) -> Bool in
            allowed.contains(candidate) || allowed.contains { Self.text($0) != nil && Self.text($0) == Self.text(candidate) }
        }
        let values = field.multiple ? (value.arrayValue ?? [value]) : [value]
        for candidate in values where !matches(candidate) {
            fail(path, "options", InputMessages.notAnOption(path, shown(candidate, field), options: field.options.map { $0.value.description }))
        }
        if field.multiple { return .array(values) }
        return field.options.first { Self.text($0.value) == Self.text(value) }?.value ?? value
    }

    mutating func array(_ value: JSONValue, field: FieldSpec, path: String) -> JSONValue? {
        guard case .array(let items) = value else { return nil }
        var output: [JSONValue] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index + 1)]"
            switch field.nested {
            case .item(let spec):
                if Self.isEmpty(item) { if spec.required { fail(itemPath, "required", InputMessages.required(itemPath)) } ; output.append(item); continue }
                output.append(check(item, against: spec, path: itemPath))
            case .fields(let fields):
                guard case .object(let object) = item else {
                    fail(itemPath, "type", InputMessages.wrongType(itemPath, expected: .collection, found: InputMessages.describe(item)))
                    continue
                }
                output.append(.object(validate(object, fields: fields, path: itemPath)))
            case nil:
                output.append(item)
            }
        }
        return .array(output)
    }

    mutating func collection(_ value: JSONValue, field: FieldSpec, path: String) -> JSONValue? {
        guard case .object(let object) = value else { return nil }
        switch field.nested {
        case .fields(let fields):
            return .object(validate(object, fields: fields, path: path))
        case .item(let spec):
            var output = JSONObject()
            for (key, member) in object {
                output[key] = InputValidator.isEmpty(member) ? member : check(member, against: spec, path: "\(path).\(key)")
            }
            return .object(output)
        case nil:
            return value
        }
    }
}

public import RefineryJSON

extension FieldSpec {
    /// The field as JSON Schema 2020-12 (for `refinery schema --json` and editors).
    public var jsonSchema: JSONValue {
        var schema = JSONObject()
        if let label { schema["title"] = .string(label) }
        if let help { schema["description"] = .string(help) }
        for (key, value) in typeSchema { schema[key] = value }
        if let defaultValue { schema["default"] = defaultValue }
        if secret { schema["writeOnly"] = true }
        applyRules(to: &schema)
        return .object(schema)
    }

    var typeSchema: JSONObject {
        switch type {
        case .text: ["type": "string"]
        case .number: ["type": "number"]
        case .integer: ["type": "integer"]
        case .uinteger: ["type": "integer", "minimum": 0]
        case .boolean: ["type": "boolean"]
        case .date: ["type": "string", "format": "date-time"]
        case .email: ["type": "string", "format": "email"]
        case .url: ["type": "string", "format": "uri"]
        case .any: [:]
        case .select:
            multiple ? ["type": "array", "items": ["enum": .array(options.map(\.value))]] : ["enum": .array(options.map(\.value))]
        case .array:
            switch nested {
            case .item(let item): ["type": "array", "items": item.jsonSchema]
            case .fields(let fields): ["type": "array", "items": Self.objectSchema(fields)]
            case nil: ["type": "array"]
            }
        case .collection:
            switch nested {
            case .item(let item): ["type": "object", "additionalProperties": item.jsonSchema]
            case .fields(let fields): Self.objectSchema(fields).objectValue ?? [:]
            case nil: ["type": "object"]
            }
        }
    }

    func applyRules(to schema: inout JSONObject) {
        let textual = type.isTextual
        if let min = rules.min { schema[textual ? "minLength" : "minimum"] = textual ? .int(Int(min)) : .double(min) }
        if let max = rules.max { schema[textual ? "maxLength" : "maximum"] = textual ? .int(Int(max)) : .double(max) }
        if let minLength = rules.minLength { schema["minLength"] = .int(minLength) }
        if let maxLength = rules.maxLength { schema["maxLength"] = .int(maxLength) }
        if let pattern = rules.pattern { schema["pattern"] = .string(pattern) }
        if let allowed = rules.allowed { schema["enum"] = .array(allowed) }
        if let minItems = rules.minItems { schema["minItems"] = .int(minItems) }
        if let maxItems = rules.maxItems { schema["maxItems"] = .int(maxItems) }
    }

    /// An object with these fields: `properties`, `required`, no other keys.
    public static func objectSchema(_ fields: [FieldSpec]) -> JSONValue {
        var properties = JSONObject()
        for field in fields { properties[field.name] = field.jsonSchema }
        let required = fields.filter(\.required).map { JSONValue.string($0.name) }
        var schema: JSONObject = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }
}

extension ModuleDefinition {
    /// `{"$schema", "title", "input": <schema>, "output": <schema>}` for `refinery schema --json`.
    public func jsonSchema(app: String) -> JSONValue {
        var input = FieldSpec.objectSchema(inputFields).objectValue ?? [:]
        input["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        input["title"] = .string("\(app):\(name) input")
        for constraint in constraints {
            let alternatives = constraint.fields.map { JSONValue.object(["required": [.string($0)]]) }
            input[constraint.kind == .anyOf ? "anyOf" : "oneOf"] = .array(alternatives)
        }
        var output = FieldSpec.objectSchema(interface).objectValue ?? [:]
        output["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        output["title"] = .string("\(app):\(name) output bundle")
        output["additionalProperties"] = true
        return ["module": .string("\(app):\(name)"), "input": .object(input), "output": .object(output)]
    }
}

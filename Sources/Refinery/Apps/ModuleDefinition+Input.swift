public import RefineryJSON

extension ModuleDefinition {
    /// Checks `input` against the module's fields and constraints: the input with defaults applied and
    /// values converted, or a `DataError` naming the (first) field and rule, and listing the others.
    public func validate(input: JSONObject, app: String) throws(ModuleError) -> JSONObject {
        var validator = InputValidator(module: "\(app):\(name)")
        let normalized = validator.validate(input, fields: inputFields)
        validator.check(constraints, in: normalized)
        if let error = validator.error() { throw error }
        return normalized
    }

    /// Input field names whose values are secrets, at any depth.
    public var secretFieldNames: [String] {
        func secrets(_ fields: [FieldSpec]) -> [String] {
            fields.flatMap { field -> [String] in
                var names = field.secret ? [field.name] : []
                if let nested = field.nestedFields { names += secrets(nested) }
                return names
            }
        }
        return secrets(inputFields)
    }
}

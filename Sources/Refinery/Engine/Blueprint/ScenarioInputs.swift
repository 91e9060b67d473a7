public import RefineryJSON

/// A scenario's inputs (Make's "scenario inputs"): the top-level `io.input_spec` of a blueprint, field
/// specs as modules write them (`name`, `type`, `label`, `required`, `default`, `help`, `spec`…).
/// Expressions read the values as `{{var.input.<name>}}`.
public struct ScenarioInputs: Sendable, Hashable {
    public var fields: [FieldSpec] = []

    public init(fields: [FieldSpec] = []) {
        self.fields = fields
    }

    /// Reads `io.input_spec` of the blueprint. Keys of Make's editor that change nothing here
    /// (`multiline`, `sort`…) and `"default": null` (no default) are left out before the specs are checked.
    static func read(from document: JSONDocument) -> (inputs: ScenarioInputs, diagnostics: [Diagnostic]) {
        let pointer = JSONPointer.root.appending("io").appending("input_spec")
        guard let value = pointer.resolve(in: document.value), !value.isNull else { return (ScenarioInputs(), []) }
        var reader = SpecReader(document: document)
        let items = value.arrayValue.map { JSONValue.array($0.map(Self.withoutEditorKeys)) } ?? value
        let fields = reader.fields(items, at: pointer, what: "'io.input_spec'")
        return (ScenarioInputs(fields: fields), reader.diagnostics)
    }

    private static func withoutEditorKeys(_ item: JSONValue) -> JSONValue {
        guard let object = item.objectValue else { return item }
        let kept = object.filter { SpecReader.fieldKeys.contains($0.key) && !($0.key == "default" && $0.value.isNull) }
        return .object(JSONObject(kept.map { ($0.key, $0.value) }))
    }

    /// The values a run sees: `given` checked against the specs (types converted as modules' inputs are,
    /// defaults applied), or every problem: a required input missing, a wrong type, an unknown name.
    public func resolve(_ given: JSONObject) -> Result<JSONObject, ScenarioInputError> {
        var validator = InputValidator(module: "scenario inputs")
        let values = validator.validate(given, fields: fields)
        guard validator.failures.isEmpty else { return .failure(ScenarioInputError(messages: validator.failures.map(\.message))) }
        return .success(values)
    }

    /// A value given as text (`--input name=value`): JSON for an array, a collection or `any` when it
    /// parses as JSON, else the text (numbers and booleans convert when checked).
    public func value(fromText text: String, for name: String) -> JSONValue {
        let type = fields.first { $0.name == name }?.type
        guard type == .array || type == .collection || type == .any, let parsed = try? JSONValue(parsing: text) else {
            return .string(text)
        }
        return parsed
    }
}

/// Why the inputs given do not fit the scenario's `io.input_spec`.
public struct ScenarioInputError: Error, Sendable, Hashable {
    public var messages: [String]
}

import RefineryJSON
import RefineryTesting
import Testing

/// The test-support JSON Schema validator that checks `schemas/scenario.schema.json` against the shipped
/// scenarios: each keyword it claims, passing and failing.
@Suite struct SchemaValidatorTests {
    static func problems(_ schema: String, _ instance: String) throws -> [String] {
        let validator = SchemaValidator(schema: try JSONValue(parsing: Array(schema.utf8)))
        return validator.problems(try JSONValue(parsing: Array(instance.utf8)))
    }

    @Test(arguments: [
        (#"{"type": "integer"}"#, "3", true),
        (#"{"type": "integer"}"#, "3.5", false),
        (#"{"type": ["string", "null"]}"#, "null", true),
        (#"{"type": ["string", "null"]}"#, "1", false),
        (#"{"required": ["a"]}"#, #"{"b": 1}"#, false),
        (#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": 1}"#, false),
        (#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1}"#, true),
        (#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1, "b": 2}"#, false),
        (#"{"additionalProperties": {"minimum": 1}}"#, #"{"x": 0}"#, false),
        (#"{"items": {"type": "string"}}"#, #"["a", 2]"#, false),
        (#"{"minItems": 1}"#, "[]", false),
        (#"{"enum": ["a", 1]}"#, "1.0", true),
        (#"{"enum": ["a", 1]}"#, #""b""#, false),
        (#"{"const": 1}"#, "2", false),
        (#"{"minimum": 0, "maximum": 6}"#, "7", false),
        (#"{"minimum": 0, "maximum": 6}"#, "0", true),
        (#"{"pattern": "^[0-9]{2}$"}"#, #""123""#, false),
        (##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n"}"##, #""x""#, false),
        (##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n"}"##, "4", true),
        (#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "5", false),
        (#"{"oneOf": [{"type": "integer"}, {"type": "string"}]}"#, "5", true),
        (#"{"anyOf": [{"type": "integer"}, {"type": "string"}]}"#, "true", false),
        (#"{"description": "annotations are ignored", "title": "t"}"#, "true", true),
    ])
    func keyword(schema: String, instance: String, valid: Bool) throws {
        let problems = try Self.problems(schema, instance)
        #expect(problems.isEmpty == valid, "\(problems)")
    }

    @Test func unsupportedKeywordsAreProblemsNotSilentPasses() throws {
        let problems = try Self.problems(#"{"uniqueItems": true}"#, "[1, 1]")
        #expect(problems == ["/: unsupported schema keyword 'uniqueItems'"])
    }

    @Test func problemsNameTheirPointer() throws {
        let problems = try Self.problems(#"{"properties": {"flow": {"items": {"required": ["id"]}}}}"#, #"{"flow": [{}, {"id": 1}, {}]}"#)
        #expect(problems == ["/flow/0: missing required 'id'", "/flow/2: missing required 'id'"])
    }
}

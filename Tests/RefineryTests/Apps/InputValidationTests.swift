import Refinery
import RefineryJSON
import Testing

@Suite struct InputValidationTests {
    static func module(_ fieldsJSON: String, constraints: String = "[]") throws -> ModuleDefinition {
        let text = #"{"name": "m", "label": "M", "type": "action", "expect": \#(fieldsJSON), "constraints": \#(constraints), "communication": {"url": "/x"}}"#
        let (app, diagnostics) = try Fixtures.loadApp(["app.json": Fixtures.minimalApp, "m.json": text])
        try #require(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(app?.modules["m"])
    }

    static func failure(_ fields: String, _ input: JSONValue) throws -> ModuleError? {
        let module = try module(fields)
        do {
            _ = try module.validate(input: input.objectValue ?? [:], app: "t")
            return nil
        } catch {
            return error
        }
    }

    static let badInputs: [(String, JSONValue, String, String)] = [
        (#"[{"name": "a", "type": "text", "required": true}]"#, [:], "a", "required"),
        (#"[{"name": "a", "type": "text", "required": true}]"#, ["a": ""], "a", "required"),
        (#"[{"name": "a", "type": "text"}]"#, ["a": ["x"]], "a", "type"),
        (#"[{"name": "a", "type": "text", "validate": {"maxLength": 3}}]"#, ["a": "abcd"], "a", "maxLength"),
        (#"[{"name": "a", "type": "text", "validate": {"pattern": "^[0-9]+$"}}]"#, ["a": "12x"], "a", "pattern"),
        (#"[{"name": "a", "type": "text", "validate": {"enum": ["x", "y"]}}]"#, ["a": "z"], "a", "enum"),
        (#"[{"name": "a", "type": "number", "validate": {"max": 10}}]"#, ["a": 10.5], "a", "max"),
        (#"[{"name": "a", "type": "number"}]"#, ["a": "ten"], "a", "type"),
        (#"[{"name": "a", "type": "integer"}]"#, ["a": 1.5], "a", "type"),
        (#"[{"name": "a", "type": "integer", "validate": {"min": 1}}]"#, ["a": 0], "a", "min"),
        (#"[{"name": "page_length", "type": "uinteger", "validate": {"max": 1000}}]"#, ["page_length": 1500], "page_length", "max"),
        (#"[{"name": "a", "type": "uinteger"}]"#, ["a": -1], "a", "type"),
        (#"[{"name": "a", "type": "boolean"}]"#, ["a": "yes"], "a", "type"),
        (#"[{"name": "a", "type": "date"}]"#, ["a": "12/10/2026"], "a", "type"),
        (#"[{"name": "a", "type": "date"}]"#, ["a": "2026-13-01"], "a", "type"),
        (#"[{"name": "a", "type": "email"}]"#, ["a": "not-an-email"], "a", "type"),
        (#"[{"name": "a", "type": "url"}]"#, ["a": "ftp://x"], "a", "type"),
        (#"[{"name": "a", "type": "select", "options": [{"label": "X", "value": "x"}]}]"#, ["a": "y"], "a", "options"),
        (#"[{"name": "a", "type": "array", "spec": {"type": "integer"}}]"#, ["a": [1, "two"]], "a[2]", "type"),
        (#"[{"name": "a", "type": "array", "validate": {"maxItems": 2}}]"#, ["a": [1, 2, 3]], "a", "maxItems"),
        (#"[{"name": "a", "type": "array", "spec": [{"name": "k", "type": "text", "required": true}]}]"#, ["a": [["v": 1]]], "a[1].k", "required"),
        (#"[{"name": "a", "type": "collection", "spec": [{"name": "k", "type": "text", "validate": {"maxLength": 2}}]}]"#, ["a": ["k": "long"]], "a.k", "maxLength"),
        (#"[{"name": "a", "type": "collection", "spec": [{"name": "k", "type": "text"}]}]"#, ["a": ["q": "v"]], "a.q", "unknown"),
        (#"[{"name": "a", "type": "collection"}]"#, ["a": "text"], "a", "type"),
        (#"[{"name": "limit", "type": "uinteger"}]"#, ["limt": 5], "limt", "unknown"),
    ]

    @Test(arguments: badInputs)
    func badInputIsADataErrorNamingTheFieldAndRule(fields: String, input: JSONValue, field: String, rule: String) throws {
        let error = try #require(try Self.failure(fields, input))
        #expect(error.kind == .data)
        #expect(error.field == field)
        #expect(error.rule == rule)
        #expect(error.code == "input.\(rule)")
        #expect(error.message.contains("'\(field)'"))
    }

    @Test func defaultsApplyAndValuesConvert() throws {
        let module = try Self.module(#"""
        [{"name": "limit", "type": "uinteger", "default": 10}, {"name": "n", "type": "number"}, {"name": "t", "type": "text"},
         {"name": "b", "type": "boolean"}, {"name": "s", "type": "select", "options": [{"label": "One", "value": 1}]}]
        """#)
        let output = try module.validate(input: ["n": "2.5", "t": 42, "b": "true", "s": "1"], app: "t")
        #expect(output["limit"] == 10)
        #expect(output["n"] == 2.5)
        #expect(output["t"] == "42")
        #expect(output["b"] == true)
        #expect(output["s"] == 1)
    }

    @Test func everyFailureIsListed() throws {
        let error = try #require(try Self.failure(#"[{"name": "a", "type": "integer"}, {"name": "b", "type": "email", "required": true}]"#, ["a": "x"]))
        #expect(error.details.count == 1)
    }

    /// A module's `validate.pattern` meets outside input (webhook payloads, mapped values): its matching
    /// is bounded in time like every regular expression of the runtime.
    @Test func aPatternThatBacktracksForeverFailsTheFieldWithinItsBudget() throws {
        let input: JSONValue = ["a": .string(String(repeating: "a", count: 100) + "!")]
        let error = try #require(try Self.failure(#"[{"name": "a", "type": "text", "validate": {"pattern": "(a+)+$"}}]"#, input))
        #expect(error.rule == "pattern")
        #expect(error.message.contains("did not finish matching its 101 characters within 1 s"), "\(error.message)")
    }

    @Test func secretValuesAreNeverShown() throws {
        let error = try #require(try Self.failure(#"[{"name": "key", "type": "text", "secret": true, "validate": {"pattern": "^k-"}}]"#, ["key": "sk_live_123"]))
        #expect(!error.description.contains("sk_live_123"))
        #expect(error.message.contains("<redacted>"))
    }

    @Test(arguments: [
        ("anyOf", JSONValue.object([:])),
        ("oneOf", JSONValue.object([:])),
        ("oneOf", ["id": "1", "email": "a@b.co"] as JSONValue),
    ])
    func constraints(kind: String, input: JSONValue) throws {
        let module = try Self.module(#"[{"name": "id", "type": "text"}, {"name": "email", "type": "email"}]"#,
                                     constraints: #"[{"type": "\#(kind)", "fields": ["id", "email"]}]"#)
        let error = try #require(throws: ModuleError.self) { try module.validate(input: input.objectValue ?? [:], app: "t") }
        #expect(error.rule == kind)
        let valid = try module.validate(input: ["id": "1"], app: "t")
        #expect(valid["id"] == "1")
    }

    @Test func refinerPageLengthAndAttributeLimits() throws {
        let app = try Fixtures.refinerApp()
        let listContacts = try #require(app.modules["listContacts"])
        #expect(throws: ModuleError.self) { try listContacts.validate(input: ["orderBy": "name"], app: "refiner") }
        let identify = try #require(app.modules["identifyUser"])
        let long = String(repeating: "x", count: 256)
        let error = try #require(throws: ModuleError.self) {
            try identify.validate(input: ["id": "u1", "attributes": ["plan": .string(long)]], app: "refiner")
        }
        #expect(error.field == "attributes.plan")
        #expect(error.rule == "maxLength")
        #expect(error.module == "refiner:identifyUser")
    }
}

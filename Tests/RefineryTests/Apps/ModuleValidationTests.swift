import Foundation
import Refinery
import RefineryJSON
import Testing

@Suite struct ModuleValidationTests {
    func problems(module: String, named name: String = "broken") throws -> [Diagnostic] {
        try Fixtures.loadApp(["app.json": Fixtures.minimalApp, "\(name).json": module]).diagnostics
    }

    static let cases: [(String, String, String)] = [
        (#"{"name": "broken", "label": "B", "type": "search", "comunication": {"url": "/x"}}"#, "module.unknown-key", "/comunication"),
        (#"{"name": "broken", "label": "B", "type": "serch", "communication": {"url": "/x"}}"#, "module.unknown-type", "/type"),
        (#"{"name": "broken", "label": 5, "type": "action", "communication": {"url": "/x"}}"#, "module.wrong-type", "/label"),
        (#"{"name": "broken", "label": "B", "type": "search", "communication": {"method": "GET"}}"#, "module.missing-url", "/communication"),
        (#"{"name": "other", "label": "B", "type": "action", "communication": {"url": "/x"}}"#, "module.name-mismatch", "/name"),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x", "method": "FETCH"}}"#, "module.invalid-value", "/communication/method"),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x", "crossOriginRedirects": "always"}}"#, "module.invalid-value", "/communication/crossOriginRedirects"),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x", "followRedirects": "yes"}}"#, "module.wrong-type", "/communication/followRedirects"),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x", "pagination": {}}}"#, "module.not-allowed", "/communication/pagination"),
        (#"{"name": "broken", "label": "B", "type": "trigger", "communication": {"url": "/x"}}"#, "module.missing-field", "/communication"),
        (#"{"name": "broken", "label": "B", "type": "search", "communication": {"url": "/x", "response": {"iterate": "{{body}}", "outptu": 1}}}"#, "module.unknown-key", "/communication/response/outptu"),
        (#"{"name": "broken", "label": "B", "type": "search", "communication": {"url": "/x", "response": {"error": {"429": {"type": "RateError"}}}}}"#, "module.invalid-value", "/communication/response/error/429/type"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "numbr"}], "communication": {"url": "/x"}}"#, "module.unknown-type", "/expect/0/type"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "select"}], "communication": {"url": "/x"}}"#, "module.invalid-field-spec", "/expect/0/type"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "number", "validate": {"min": 5, "max": 1}}], "communication": {"url": "/x"}}"#, "module.invalid-field-spec", "/expect/0/validate"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "text", "validate": {"pattern": "(["}}], "communication": {"url": "/x"}}"#, "module.invalid-pattern", "/expect/0/validate/pattern"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "boolean", "validate": {"max": 1}}], "communication": {"url": "/x"}}"#, "module.invalid-field-spec", "/expect/0/validate"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "uinteger", "default": -3}], "communication": {"url": "/x"}}"#, "module.invalid-default", "/expect/0/default"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "text", "options": [{"label": "a", "value": "a"}]}], "communication": {"url": "/x"}}"#, "module.invalid-field-spec", "/expect/0/options"),
        (#"{"name": "broken", "label": "B", "type": "action", "expect": [{"name": "n", "type": "text"}, {"name": "n", "type": "text"}], "communication": {"url": "/x"}}"#, "module.duplicate-field", "/expect/1/name"),
        (#"{"name": "broken", "label": "B", "type": "instant_trigger"}"#, "module.missing-field", "/type"),
        (#"{"name": "broken", "label": "B", "type": "action", "constraints": [{"type": "anyOf", "fields": ["id", "emial"]}], "expect": [{"name": "id", "type": "text"}], "communication": {"url": "/x"}}"#, "module.unknown-field", "/constraints/0/fields/1"),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x",}}"#, "json.trailing-comma", ""),
        (#"{"name": "broken", "label": "B", "type": "action", "communication": {"url": "/x/{{parametrs.id}}"}}"#, "module.unknown-variable", "/communication/url"),
    ]

    @Test(arguments: cases)
    func reportsTheProblemWithItsPointer(module: String, code: String, pointer: String) throws {
        let diagnostics = try problems(module: module)
        let match = diagnostics.first { $0.code == code }
        #expect(match != nil, "expected \(code), got \(diagnostics.map(\.description))")
        if !pointer.isEmpty { #expect(match?.source?.pointer?.description == pointer) }
        #expect(match?.source?.line != nil)
        #expect(match?.source?.column != nil)
    }

    @Test func invalidExpressionsAreReportedAtLoadWithTheirColumn() throws {
        let module = "{\"name\": \"broken\", \"label\": \"B\", \"type\": \"action\",\n \"communication\": {\"url\": \"/x/{{ lowr(parameters.id) }}\"}}"
        let diagnostics = try problems(module: module)
        let problem = try #require(diagnostics.first { $0.code.hasPrefix("iml.") }, "\(diagnostics)")
        #expect(problem.source?.pointer?.description == "/communication/url")
        #expect(problem.source?.line == 2)
        #expect((problem.source?.column ?? 0) > 24)
        #expect(problem.message.contains("lowr"))
    }

    @Test func unknownKeysSuggestTheNearestKnownKey() throws {
        let diagnostics = try problems(module: #"{"name": "broken", "label": "B", "type": "search", "comunication": {"url": "/x"}}"#)
        let unknown = try #require(diagnostics.first { $0.code == "module.unknown-key" })
        #expect(unknown.message.contains("did you mean 'communication'?"))
    }

    @Test func everyProblemIsCollectedNotJustTheFirst() throws {
        let module = #"""
        {"name": "broken", "labl": "B", "type": "search",
         "expect": [{"name": "n", "type": "numbr"}, {"name": "m", "type": "select"}],
         "communication": {"method": "GET", "response": {"limt": 3}}}
        """#
        let codes = try problems(module: module).map(\.code)
        #expect(codes.contains("module.unknown-key"))
        #expect(codes.contains("module.unknown-type"))
        #expect(codes.contains("module.invalid-field-spec"))
        #expect(codes.contains("module.missing-url"))
        #expect(codes.count >= 5)
    }

    @Test func locationIsFilePointerLineAndColumn() throws {
        let module = "{\n  \"name\": \"broken\",\n  \"label\": \"B\",\n  \"type\": \"serch\",\n  \"communication\": {\"url\": \"/x\"}\n}"
        let diagnostic = try #require(try problems(module: module).first)
        let text = diagnostic.source?.description ?? ""
        #expect(text.hasSuffix("broken.json#/type:4:11"))
    }
}

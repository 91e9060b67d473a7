import Foundation
import IML
import RefineryJSON
import Testing

@Suite struct TemplateTreeTests {
    let context = EvaluationContext(scope: ["1": ["email": "a@b.c", "n": 2], "flag": false], now: Date(timeIntervalSince1970: 0))

    @Test func evaluatesNestedStringsAndKeepsConstants() throws {
        let tree = try TemplateTree([
            "email": "{{1.email}}", "n": "{{1.n * 2}}", "fixed": [1, "two", nil],
            "list": ["{{1.n}}", "x{{1.n}}"], "{{'k' + 1.n}}": true,
        ])
        let value = try tree.evaluate(in: context)
        #expect(value == ["email": "a@b.c", "n": 4, "fixed": [1, "two", nil], "list": [2, "x2"], "k2": true])
        #expect(!tree.isPlain)
        #expect(tree.referencedRoots == ["1"])
    }

    @Test func ignoreDropsMembersAndItemsAndEraseGivesNull() throws {
        let tree = try TemplateTree([
            "keep": "{{1.email}}", "dropped": "{{if(flag; 1; ignore)}}", "cleared": "{{erase}}",
            "items": ["{{ignore}}", "a", "{{erase}}"],
        ])
        #expect(try tree.evaluate(in: context) == ["keep": "a@b.c", "cleared": nil, "items": ["a", nil]])
    }

    /// Keys remember where they were found last; bundles of another shape (members reordered, missing,
    /// or 12 and more so the object is indexed) must still read the right member.
    @Test func pathsReadEachBundleWhateverItsShape() throws {
        let tree = try TemplateTree(["email": "{{1.email}}", "city": "{{1.address.city}}", "first": "{{1.tags[1]}}"])
        let wide = JSONObject((0..<14).map { ("k\($0)", JSONValue.int($0)) } + [("email", "w@x.y")])
        let bundles: [(JSONValue, JSONValue)] = [
            (["email": "a@b.c", "address": ["city": "Brno"], "tags": ["x"]], ["email": "a@b.c", "city": "Brno", "first": "x"]),
            (["tags": ["y", "z"], "address": ["zip": "1", "city": "Praha"], "email": "d@e.f"], ["email": "d@e.f", "city": "Praha", "first": "y"]),
            (["address": "none"], ["email": nil, "city": nil, "first": nil]),
            (.object(wide), ["email": "w@x.y", "city": nil, "first": nil]),
            (["email": "a@b.c", "address": ["city": "Brno"], "tags": ["x"]], ["email": "a@b.c", "city": "Brno", "first": "x"]),
        ]
        for (bundle, expected) in bundles {
            let context = EvaluationContext(scope: ["1": bundle], now: Date(timeIntervalSince1970: 0))
            #expect(try tree.evaluate(in: context) == expected)
        }
    }

    /// A key template that evaluates to a plain key of the same object replaces that member in place.
    @Test func templateKeysThatCollideReplaceTheEarlierMember() throws {
        let tree = try TemplateTree(["k2": "plain", "{{'k' + 1.n}}": "{{1.email}}"])
        #expect(try tree.evaluate(in: context) == ["k2": "a@b.c"])
    }

    @Test func collectsEveryErrorWithItsPointer() throws {
        let value: JSONValue = ["a": "{{lowr(x)}}", "b": ["ok", "{{1 +}}"], "{{oops": 1, "c": "fine {{ x }}"]
        let error = try #require(throws: IMLTreeError.self) { try TemplateTree(value, at: "/mapper") }
        let found = error.errors.map { "\($0.pointer) \($0.error.code) \($0.error.column) \($0.isKey)" }
        #expect(found == [
            "/mapper/a iml.unknown-function 3 false",
            "/mapper/b/1 iml.unexpected-end 6 false",
            "/mapper/{{oops iml.unterminated-template 1 true",
        ])
    }

    @Test func diagnosticCaretLandsOnTheExpressionInsideTheJSONString() throws {
        let text = "{\n  \"mapper\": {\"email\": \"{{ lowr(1.email) }}\"}\n}\n"
        let document = try JSONDocument(file: "s.json", bytes: Array(text.utf8))
        let error = try #require(throws: IMLTreeError.self) {
            try TemplateTree(document.value["mapper"] ?? nil, at: "/mapper")
        }
        let diagnostics = error.diagnostics(in: document)
        #expect(diagnostics.count == 1)
        let rendered = DiagnosticRenderer(colors: false).render(diagnostics)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[0] == "s.json#/mapper/email:2:27: error: unknown function 'lowr'; did you mean 'lower'? [iml.unknown-function]")
        #expect(lines[1] == "      \"mapper\": {\"email\": \"{{ lowr(1.email) }}\"}")
        #expect(lines[2] == String(repeating: " ", count: 4 + 26) + "^")
    }
}

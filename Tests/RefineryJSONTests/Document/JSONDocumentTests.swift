import RefineryJSON
import Testing

@Suite("JSONDocument source positions")
struct JSONDocumentTests {
    static let text = """
    {
      "name": "nps",
      "flow": [
        {"id": 1, "mapper": {"email": "{{ lowr(1.email) }}"}},
        {"id": 2, "a/b": [true, null]}
      ],
      "ü": "日本", "after": 1,
    \t"tabbed": {}
    }
    """

    static func document() throws -> JSONDocument {
        try JSONDocument(file: "scenarios/nps.json", bytes: Array(text.utf8))
    }

    @Test("values", arguments: [
        ("", 1, 1), ("/name", 2, 11), ("/flow", 3, 11), ("/flow/0", 4, 5), ("/flow/0/id", 4, 12),
        ("/flow/0/mapper", 4, 25), ("/flow/0/mapper/email", 4, 35), ("/flow/1", 5, 5), ("/flow/1/a~1b", 5, 22),
        ("/flow/1/a~1b/0", 5, 23), ("/flow/1/a~1b/1", 5, 29), ("/ü", 7, 8), ("/after", 7, 23), ("/tabbed", 8, 12),
    ])
    func valuePositions(_ pointer: String, _ line: Int, _ column: Int) throws {
        let document = try Self.document()
        let (ref, excerpt) = document.reference(for: try #require(JSONPointer(pointer)))
        #expect(ref.line == line)
        #expect(ref.column == column)
        #expect(ref.file == "scenarios/nps.json")
        #expect(excerpt == SourceText(file: "", text: Self.text).lineText(line))
    }

    @Test("keys", arguments: [
        ("/name", 2, 3), ("/flow/0/mapper", 4, 15), ("/flow/0/mapper/email", 4, 26), ("/flow/1/a~1b", 5, 15),
        ("/ü", 7, 3), ("/after", 7, 14), ("/tabbed", 8, 2),
    ])
    func keyPositions(_ pointer: String, _ line: Int, _ column: Int) throws {
        let (ref, _) = try Self.document().reference(for: try #require(JSONPointer(pointer)), atKey: true)
        #expect(ref.line == line)
        #expect(ref.column == column)
    }

    @Test func arrayElementsHaveNoKeySoTheValueIsUsed() throws {
        let pointer = JSONPointer(tokens: ["flow", "1"])
        let document = try Self.document()
        #expect(document.sourceMap.keyOffset(of: pointer) == nil)
        #expect(document.reference(for: pointer, atKey: true).0.line == 5)
    }

    @Test func missingPointerFallsBackToTheNearestAncestor() throws {
        let document = try Self.document()
        let (ref, _) = document.reference(for: JSONPointer(tokens: ["flow", "0", "mapper", "missing", "deeper"]))
        #expect(ref.line == 4)
        #expect(ref.column == 25)
        #expect(ref.pointer?.description == "/flow/0/mapper/missing/deeper")
    }

    @Test func diagnosticAtAPointerWithAColumnOffset() throws {
        let document = try Self.document()
        let pointer = JSONPointer(tokens: ["flow", "0", "mapper", "email"])
        let diagnostic = document.diagnostic(
            code: "iml.unknown-function", message: "unknown function 'lowr'", at: pointer, columnOffset: 4,
            notes: ["did you mean 'lower'?"]
        )
        #expect(diagnostic.source?.description == "scenarios/nps.json#/flow/0/mapper/email:4:39")
        #expect(diagnostic.excerpt == #"    {"id": 1, "mapper": {"email": "{{ lowr(1.email) }}"}},"#)
        #expect(diagnostic.excerptColumn == nil)
        #expect(diagnostic.notes == ["did you mean 'lower'?"])
    }

    @Test func diagnosticOnAKey() throws {
        let diagnostic = try Self.document().diagnostic(code: "module.unknown-field", message: "unknown field", at: "/after", atKey: true)
        #expect(diagnostic.source?.line == 7)
        #expect(diagnostic.source?.column == 14)
    }

    @Test func valuesMatchThePlainParser() throws {
        #expect(try Self.document().value.isIdentical(to: JSONValue(parsing: Self.text)))
    }

    @Test func duplicateKeysAreDiagnosticsAndTheLaterValueWins() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": {\"x\": 1, \"x\": 2},\n  \"a\": 3\n}"
        let document = try JSONDocument(file: "dup.json", bytes: Array(text.utf8))
        #expect(document.value == ["a": 3, "b": ["x": 2]])
        #expect(document.value.objectValue?.keys == ["a", "b"])
        let rendered = document.duplicateKeyDiagnostics.map { "\($0.source!) \($0.code)" }
        #expect(rendered == ["dup.json#/b/x:3:17 json.duplicate-key", "dup.json#/a:4:3 json.duplicate-key"])
        #expect(document.duplicateKeyDiagnostics.first?.message == "duplicate key 'x' in an object (a later value would silently replace the earlier one)")
    }

    @Test func duplicateKeysWithEscapesInThePointer() throws {
        let document = try JSONDocument(file: "d.json", bytes: Array(#"{"a/b":{"~":1,"~":2}}"#.utf8))
        #expect(document.duplicateKeyDiagnostics.map { $0.source?.pointer?.description } == ["/a~1b/~0"])
    }

    @Test func duplicateKeysAboveTheIndexThreshold() throws {
        let members = (0..<30).map { "\"k\($0 % 20)\":\($0)" }.joined(separator: ",")
        let document = try JSONDocument(file: "d.json", bytes: Array("{\(members)}".utf8))
        #expect(document.duplicateKeyDiagnostics.count == 10)
        #expect(document.value.objectValue?.count == 20)
        #expect(document.value["k3"] == 23)
        #expect(document.value["k15"] == 15)
    }

    @Test func syntaxErrorIsADiagnosticWithExcerpt() {
        let bytes = Array("{\n  \"a\": [1, 2,]\n}".utf8)
        let diagnostic = #expect(throws: Diagnostic.self) { try JSONDocument(file: "bad.json", bytes: bytes) }
        #expect(diagnostic?.code == "json.trailing-comma")
        #expect(diagnostic?.source?.description == "bad.json:2:14")
        #expect(diagnostic?.excerpt == "  \"a\": [1, 2,]")
    }

    @Test func errorInAVeryLongLineHasAShortExcerpt() {
        let long = "[" + String(repeating: "1,", count: 5000) + "x]"
        let diagnostic = #expect(throws: Diagnostic.self) { try JSONDocument(file: "min.json", bytes: Array(long.utf8)) }
        #expect(diagnostic?.source?.column == 10_002)
        let excerpt = diagnostic?.excerpt ?? ""
        #expect(excerpt.count <= SourceText.excerptWidth + 6)
        #expect(excerpt.hasPrefix("...") && excerpt.hasSuffix("x]"))
        let caret = diagnostic?.excerptColumn ?? 0
        #expect(Array(excerpt.unicodeScalars)[caret - 1] == "x")
    }

    @Test func byteOrderMarkIsNotAColumn() throws {
        let document = try JSONDocument(file: "bom.json", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        let (ref, excerpt) = document.reference(for: JSONPointer(tokens: ["a"]))
        #expect(ref.column == 7)
        #expect(excerpt == #"{"a": 1}"#)
    }
}

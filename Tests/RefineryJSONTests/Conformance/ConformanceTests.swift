import RefineryJSON
import Testing

@Suite("JSON conformance")
struct ConformanceTests {
    @Test("accepts", arguments: AcceptCases.all)
    func accepts(_ testCase: AcceptCase) throws {
        let value = try JSONValue(parsing: testCase.bytes)
        #expect(value.isIdentical(to: testCase.expected), "parsed \(value), expected \(testCase.expected)")
    }

    @Test("rejects with code, line and column", arguments: RejectCases.all)
    func rejects(_ testCase: RejectCase) {
        #expect {
            try JSONValue(parsing: testCase.bytes)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            #expect(error.code == testCase.code, "\(error)")
            #expect(error.line == testCase.line, "\(error)")
            #expect(error.column == testCase.column, "\(error)")
            #expect(error.message.hasPrefix("expected") || error.message.hasPrefix("duplicate"), "\(error)")
            return true
        }
    }

    @Test("the table has at least 150 cases")
    func tableSize() {
        #expect(AcceptCases.all.count + RejectCases.all.count >= 150)
        #expect(Set(AcceptCases.all.map(\.name)).count == AcceptCases.all.count, "accept case names are unique")
        #expect(Set(RejectCases.all.map(\.name)).count == RejectCases.all.count, "reject case names are unique")
    }

    @Test("every rejected document is also rejected with source positions, at the same place", arguments: RejectCases.all)
    func rejectsWithPositions(_ testCase: RejectCase) throws {
        guard testCase.code != "json.duplicate-key" else {
            let document = try JSONDocument(file: "case.json", bytes: testCase.bytes)
            let diagnostic = try #require(document.duplicateKeyDiagnostics.first)
            #expect(diagnostic.source?.line == testCase.line)
            #expect(diagnostic.source?.column == testCase.column)
            return
        }
        #expect {
            try JSONDocument(file: "case.json", bytes: testCase.bytes)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == testCase.code && diagnostic.source?.line == testCase.line
                && diagnostic.source?.column == testCase.column && diagnostic.source?.file == "case.json"
        }
    }
}

@testable import RefineryCLI
import RefineryJSON
import Testing

/// `refinery validate --format json|github`: the same problems as the text, for programs and CI.
@Suite struct ValidateFormatTests {
    static func folderWithProblems() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("one.json", "{\n  \"a\": [1, 2,]\n}\n")
        try folder.write("three.json", "{\"x\": 1, \"x\": 2}")
        try folder.write("fine.json", "{}")
        return folder
    }

    @Test func jsonPrintsEveryProblemAsOneDocument() async throws {
        let folder = try Self.folderWithProblems()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "one.json", "three.json", "fine.json", "--format", "json")
        #expect(outcome.code == .dataError)
        let document = try JSONValue(parsing: Array(outcome.stdout.utf8))
        #expect(document["files"] == 3)
        #expect(document["errors"] == 2)
        #expect(document["warnings"] == 0)
        let items = try #require(document["diagnostics"]?.arrayValue)
        #expect(items.count == 2)
        let trailing = try #require(items.first { $0["file"] == "one.json" })
        #expect(trailing["line"] == 2)
        #expect(trailing["column"] == 14)
        #expect(trailing["severity"] == "error")
        #expect(trailing["code"]?.stringValue?.hasPrefix("json.") == true)
        #expect(trailing["pointer"] == .null)
        let duplicate = try #require(items.first { $0["file"] == "three.json" })
        #expect(duplicate["pointer"] == "/x")
        #expect(duplicate["line"] == 1)
        #expect(duplicate["column"] == 10)
        #expect(duplicate["message"]?.stringValue?.isEmpty == false)
        #expect(!outcome.stderr.contains("error:"), "no text diagnostics beside the JSON")
    }

    @Test func jsonOfValidFilesHasNoDiagnosticsAndExitsZero() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.json", "[]")
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "a.json", "--format", "json")
        #expect(outcome.code == .success)
        let document = try JSONValue(parsing: Array(outcome.stdout.utf8))
        #expect(document["diagnostics"] == [])
        #expect(document["files"] == 1)
    }

    @Test func githubPrintsOneAnnotationPerProblem() async throws {
        let folder = try Self.folderWithProblems()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "one.json", "three.json", "--format", "github")
        #expect(outcome.code == .dataError)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=one.json,line=2,col=14,title=json."))
        #expect(lines[1].hasPrefix("::error file=three.json,line=1,col=10,title=json."))
        #expect(lines[1].hasSuffix(" (at #/x)"))
        #expect(!outcome.stderr.contains("error:"))
    }

    @Test(arguments: [
        ("100% done", "100%25 done"),
        ("two\nlines", "two%0Alines"),
        ("a\r\nb", "a%0D%0Ab"),
    ])
    func githubEscapesMessages(raw: String, escaped: String) {
        let diagnostic = Diagnostic(code: "x.y", message: raw, source: SourceRef(file: "a,b:c.json", line: 3, column: 4))
        let line = DiagnosticFormat.github([diagnostic])
        #expect(line == "::error file=a%2Cb%3Ac.json,line=3,col=4,title=x.y::\(escaped)\n")
    }

    @Test func warningsAndNotesUseTheirCommands() {
        let warning = Diagnostic(.warning, code: "w.x", message: "careful", source: SourceRef(file: "s.json"))
        let note = Diagnostic(.note, code: "n.x", message: "fyi", source: nil)
        #expect(DiagnosticFormat.github([warning, note]) == "::warning file=s.json,title=w.x::careful\n::notice title=n.x::fyi\n")
    }

    @Test func unknownFormatIsAUsageErrorWithASuggestion() async throws {
        let outcome = await CLIHarness().run("validate", ".", "--format", "jsn")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("unknown format 'jsn'"))
        #expect(outcome.stderr.contains("did you mean 'json'?"))
    }
}

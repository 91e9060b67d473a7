import RefineryCLI
import RefineryTesting
import Testing

@Suite struct ValidateCommandTests {
    @Test func validFilesExitZero() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.json", #"{"name": "ok", "items": [1, 2.5, "x", null, true]}"#)
        try folder.write("nested/b.json", "[]")
        try folder.write("notes.txt", "not json, not checked")
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", ".")
        #expect(outcome.code == .success)
        #expect(outcome.stderr == "2 files valid\n")
    }

    @Test func everySyntaxErrorInEveryFileIsReported() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("one.json", "{\n  \"a\": [1, 2,]\n}\n")
        try folder.write("two.json", "{\"k\": tru}")
        try folder.write("three.json", "{\"x\": 1, \"x\": 2}")
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "one.json", "two.json", "three.json")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("one.json:2:14: error:"))
        #expect(outcome.stderr.contains("two.json:1:7: error:"))
        #expect(outcome.stderr.contains("three.json#/x:1:10: error:"))
        if let mismatch = Golden.check(outcome.stderr, name: "validate-errors.txt", directory: Golden.directory(beside: #filePath)) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func quietLeavesOutTheSummary() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.json", "{}")
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "--quiet", "a.json")
        #expect(outcome.code == .success)
        #expect(outcome.stderr.isEmpty)
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("bad.json", "[1,]")
        let plain = await CLIHarness(environment: [:], workingDirectory: folder.path).run("validate", "bad.json")
        #expect(!plain.stderr.contains("\u{1B}["))
    }
}

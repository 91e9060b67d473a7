import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RefineryCLI
import RefineryJSON
import Testing

/// `refinery test`: record against the sandbox, write the expectation, replay and compare.
@Suite struct TestCommandTests {
    /// The apps shipped in this repository.
    static let modules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("modules").path

    static let scenario = """
    {
      "name": "Three contacts",
      "flow": [
        { "id": 1, "module": "refiner:listContacts", "mapper": { "limit": 3 } },
        { "id": 2, "module": "util:SetVariable", "mapper": { "name": "email", "value": "{{1.email}}" } }
      ]
    }
    """

    /// A folder with `contacts.json` recorded against the sandbox into `contacts.cassette.json`.
    static func recordedFolder() async throws -> (TemporaryFolder, CLIHarness) {
        let folder = try TemporaryFolder()
        try folder.write("contacts.json", scenario)
        let harness = CLIHarness(workingDirectory: folder.path)
        let recorded = await harness.run("run", "contacts.json", "--sandbox", "--record", "contacts.cassette.json", "--modules", modules)
        try #require(recorded.code == .success, "\(recorded.stderr)")
        return (folder, harness)
    }

    static func contents(_ folder: TemporaryFolder, _ name: String) -> String? {
        FileManager.default.contents(atPath: folder.path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func recordUpdateThenPass() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        let missing = await harness.run("test", ".", "--modules", Self.modules)
        #expect(missing.code == .failure)
        #expect(missing.stdout.contains("FAIL     contacts.json: no expectation contacts.expected.json"))

        let update = await harness.run("test", ".", "--update", "--modules", Self.modules)
        #expect(update.code == .success)
        #expect(update.stdout == "created  contacts.expected.json\n1 scenario: 0 passed, 1 updated\n")
        let replayed = await harness.run("run", "contacts.json", "--replay", "contacts.cassette.json", "--json", "--modules", Self.modules)
        #expect(Self.contents(folder, "contacts.expected.json") == replayed.stdout)
        #expect(replayed.stdout.contains("\"operations\": 4"))

        let passed = await harness.run("test", ".", "--modules", Self.modules)
        #expect(passed.code == .success)
        #expect(passed.stdout == "pass     contacts.json\n1 scenario: 1 passed\n")
        let again = await harness.run("test", ".", "--update", "--modules", Self.modules)
        #expect(again.stdout == "pass     contacts.json\n1 scenario: 1 passed\n", "an unchanged expectation is not rewritten")
        let single = await harness.run("test", "contacts.json", "--modules", Self.modules)
        #expect(single.stdout == "pass     contacts.json\n1 scenario: 1 passed\n", "one scenario can be named")
    }

    @Test func passingFailingAndMissingCassette() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        _ = await harness.run("test", ".", "--update", "--modules", Self.modules)
        let expected = try #require(Self.contents(folder, "contacts.expected.json"))
        try folder.write("edited.json", Self.scenario)
        try folder.write("edited.cassette.json", try #require(Self.contents(folder, "contacts.cassette.json")))
        try folder.write("edited.expected.json", expected.replacingOccurrences(of: "\"operations\": 3", with: "\"operations\": 5"))
        try folder.write("unrecorded.json", Self.scenario)
        try folder.write("not-a-scenario.json", #"{"items": []}"#)

        let outcome = await harness.run("test", ".", "--junit", "results.xml", "--modules", Self.modules)
        #expect(outcome.code == .failure)
        #expect(outcome.stdout == """
        pass     contacts.json
        FAIL     edited.json: the run report differs from edited.expected.json
                 /modules/1/operations: expected 5, got 3
        skip     unrecorded.json: no cassette (record one: refinery run unrecorded.json --sandbox --record unrecorded.cassette.json; for an instant trigger: refinery webhook deliver unrecorded.json PAYLOAD.json --sandbox --record unrecorded.cassette.json)
        3 scenarios: 1 passed, 1 failed, 1 skipped (no cassette)

        """)
        let xml = try #require(Self.contents(folder, "results.xml"))
        try Self.checkJUnit(xml)
    }

    /// The JUnit file parses and says what the console said.
    static func checkJUnit(_ xml: String) throws {
        let document = try XMLDocument(xmlString: xml, options: [])
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "3")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        #expect(suite.attribute(forName: "skipped")?.stringValue == "1")
        let cases = try document.nodes(forXPath: "//testcase").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(cases == ["contacts.json", "edited.json", "unrecorded.json"])
        let failure = try #require(try document.nodes(forXPath: "//testcase[@name='edited.json']/failure").first)
        #expect(failure.stringValue?.contains("/modules/1/operations: expected 5, got 3") == true)
        #expect(try document.nodes(forXPath: "//testcase[@name='unrecorded.json']/skipped").count == 1)
    }

    @Test func replaysGiveIdenticalBytes() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        let arguments = ["run", "contacts.json", "--replay", "contacts.cassette.json", "--json", "--modules", Self.modules]
        let first = await harness.run(arguments)
        let second = await harness.run(arguments)
        #expect(first.code == .success)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
        _ = await harness.run("test", ".", "--update", "--modules", Self.modules)
        #expect(Self.contents(folder, "contacts.expected.json") == first.stdout)
    }

    @Test func aReplayMismatchFailsWithTheRequestDiff() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        _ = await harness.run("test", ".", "--update", "--modules", Self.modules)
        try folder.write("contacts.json", Self.scenario.replacingOccurrences(of: "\"limit\": 3", with: "\"limit\": 2"))
        let outcome = await harness.run("test", ".", "--modules", Self.modules)
        #expect(outcome.code == .failure)
        #expect(outcome.stdout.contains("/status: expected \"success\", got \"error\""))
        #expect(outcome.stdout.contains("query 'page_length': recorded \"3\", sent \"2\" [replay.unmatched-request]"))
        #expect(outcome.stdout.contains("warning: 1 recorded interaction was never requested"))
    }

    @Test func anInvalidScenarioExits65WithItsDiagnostics() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        _ = await harness.run("test", ".", "--update", "--modules", Self.modules)
        try folder.write("contacts.json", Self.scenario.replacingOccurrences(of: "listContacts", with: "listContact"))
        let outcome = await harness.run("test", ".", "--modules", Self.modules)
        #expect(outcome.code == .dataError)
        #expect(outcome.stdout.contains("INVALID  contacts.json"))
        #expect(outcome.stderr.contains("contacts.json#/flow/0/module"))
    }

    @Test func anInvalidCassetteOrExpectationExits65() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        try folder.write("contacts.expected.json", "{\"status\": }")
        let badExpectation = await harness.run("test", ".", "--modules", Self.modules)
        #expect(badExpectation.code == .dataError)
        #expect(badExpectation.stderr.contains("contacts.expected.json:1:"))
        try folder.write("contacts.cassette.json", #"{"format": "refinery-cassette"}"#)
        let badCassette = await harness.run("test", ".", "--modules", Self.modules)
        #expect(badCassette.code == .dataError)
        #expect(badCassette.stderr.contains("[cassette.invalid]"))
    }

    @Test(arguments: [["test", "no-such-folder"], ["test", "--junit"], ["test", "--frobnicate"], ["test", "a", "b"]])
    func usageErrorsExit64(arguments: [String]) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("see 'refinery test --help'"))
    }

    @Test func validateHandlesCassettesAndExpectationsBesideScenarios() async throws {
        let (folder, harness) = try await Self.recordedFolder()
        defer { folder.remove() }
        _ = await harness.run("test", ".", "--update", "--modules", Self.modules)
        let clean = await harness.run("validate", ".", "--modules", Self.modules)
        #expect(clean.code == .success)
        #expect(clean.stderr == "3 files valid\n")
        try folder.write("contacts.cassette.json", #"{"format": "refinery-cassette", "version": 1, "start": "soon", "interactions": []}"#)
        let broken = await harness.run("validate", ".", "--modules", Self.modules)
        #expect(broken.code == .dataError)
        #expect(broken.stderr.contains("contacts.cassette.json: error:"))
        #expect(broken.stderr.contains("[cassette.invalid]"))
    }
}

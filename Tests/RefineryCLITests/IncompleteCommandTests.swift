import Foundation
import RefineryCLI
import RefineryJSON
import Testing

/// `refinery incomplete list|retry|discard` over a scenario whose second module always fails under Break.
@Suite(.serialized) struct IncompleteCommandTests {
    let harness = CLIHarness(workingDirectory: ModuleCommandsTests.root)

    static let failing = """
    {"name": "Tag a missing response", "flow": [
      {"id": 1, "module": "refiner:listContacts", "version": 1, "mapper": {"limit": 2}},
      {"id": 2, "module": "refiner:tagResponse", "version": 1, "mapper": {"uuid": "not a uuid {{1.remote_id}}", "tags": ["x"]},
       "onerror": [{"id": 3, "module": "builtin:Break", "mapper": {"retry": true, "count": 3, "interval": 5}}]}
    ], "metadata": {"scenario": {"roundtrips": 1}}}
    """

    /// Runs the failing scenario once; returns the scenario path, the state folder and the stored ids.
    func storeTwo(in folder: TemporaryFolder) async throws -> (scenario: String, state: String, ids: [String]) {
        try folder.write("failing.json", Self.failing)
        let scenario = folder.path + "/failing.json", state = folder.path + "/state"
        let run = await harness.run("run", scenario, "--sandbox", "--state", state)
        #expect(run.code == .failure)
        #expect(run.stdout.contains("2 incomplete execution(s) stored"))
        let listed = await harness.run("incomplete", "list", scenario, "--state", state, "--json")
        #expect(listed.code == .success)
        let ids = try JSONValue(parsing: listed.stdout).arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.count == 2)
        return (scenario, state, ids)
    }

    @Test func listShowsWhatFailedAndWhen() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (scenario, state, ids) = try await storeTwo(in: folder)
        let text = await harness.run("incomplete", "list", scenario, "--state", state)
        #expect(text.stdout.hasPrefix("2 incomplete executions for "))
        #expect(text.stdout.contains("\(ids[0])  "))
        #expect(text.stdout.contains("module 2  DataError: field 'uuid'"))
        #expect(text.stdout.contains("(attempt 0 of 3, next at "))
    }

    @Test func aFailedRetryKeepsTheExecutionAndCountsAnAttempt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (scenario, state, ids) = try await storeTwo(in: folder)
        let retried = await harness.run("incomplete", "retry", scenario, ids[1], "--sandbox", "--state", state)
        #expect(retried.code == .failure)
        #expect(retried.stdout.hasPrefix("\(ids[1]): incomplete, kept (1 operation): DataError"))
        let listed = await harness.run("incomplete", "list", scenario, "--state", state, "--json")
        let items = try JSONValue(parsing: listed.stdout).arrayValue ?? []
        #expect(items.map { $0["id"]?.stringValue } == ids)
        #expect(items.map { $0["attempts"]?.intValue } == [0, 1])
    }

    @Test func discardRemovesOneOrAll() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (scenario, state, ids) = try await storeTwo(in: folder)
        let one = await harness.run("incomplete", "discard", scenario, ids[0], "--state", state)
        #expect(one.stdout == "discarded 1 incomplete execution\n")
        let rest = await harness.run("incomplete", "discard", scenario, "--state", state)
        #expect(rest.stdout == "discarded 1 incomplete execution\n")
        let empty = await harness.run("incomplete", "list", scenario, "--state", state)
        #expect(empty.stdout.hasPrefix("no incomplete executions"))
    }

    @Test(arguments: [
        ["incomplete", "retry", "SCENARIO", "--sandbox"],
        ["incomplete", "discard", "SCENARIO", "no-such-id", "--state", "STATE"],
        ["incomplete", "rerun", "SCENARIO"],
    ])
    func mistakesAreUsageErrors(arguments: [String]) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("failing.json", Self.failing)
        let resolved = arguments.map { $0 == "SCENARIO" ? folder.path + "/failing.json" : $0 == "STATE" ? folder.path + "/state" : $0 }
        let outcome = await harness.run(resolved)
        #expect(outcome.code == .usage)
        #expect(!outcome.stderr.isEmpty)
    }
}

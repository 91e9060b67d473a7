import RefineryCLI
import RefineryTesting
import Testing

@Suite struct GraphCommandTests {
    static let scenario = """
    {"name": "n", "flow": [{"id": 1, "module": "refiner:watchResponses"}, {"id": 2, "module": "refiner:tagResponse",
      "filter": {"name": "low", "conditions": []}}]}
    """

    @Test func printsMermaidByDefault() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s.json", Self.scenario)
        let outcome = await CLIHarness(workingDirectory: folder.path).run("graph", "s.json")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.contains("flowchart LR\n"))
        #expect(outcome.stdout.contains("m1 -->|\"low\"| m2"))
    }

    @Test func printsDot() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s.json", Self.scenario)
        let outcome = await CLIHarness(workingDirectory: folder.path).run("graph", "s.json", "--format", "dot")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.contains("m1 -> m2 [label=\"low\"];"))
    }

    @Test func unknownFormatIsAUsageError() async throws {
        let outcome = await CLIHarness(workingDirectory: "/").run("graph", "s.json", "--format", "svg")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("unknown format 'svg'"))
    }

    @Test func invalidBlueprintExits65() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s.json", #"{"flow": [{"id": "x", "module": "a:b"}]}"#)
        let outcome = await CLIHarness(workingDirectory: folder.path).run("graph", "s.json")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("s.json#/flow/0/id:1:18"))
    }
}

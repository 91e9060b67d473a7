import Foundation
import RefineryCLI
import RefineryJSON
import Testing

/// Instant-trigger scenarios are replay-tested like polling ones: `webhook deliver --record` keeps the
/// payload and the traffic of its execution in a cassette, and `refinery test` replays the delivery.
@Suite struct InstantReplayTests {
    static let root = ModuleCommandsTests.root
    static let scenario = root + "/scenarios/completed-survey-identify.json"
    static let payload = root + "/payloads/completed-survey.json"

    /// A copy of the shipped instant scenario in a temporary folder, recorded on the sandbox.
    static func recorded() async throws -> (TemporaryFolder, CLIHarness, deliver: CLIHarness.Outcome) {
        let folder = try TemporaryFolder()
        try folder.write("survey.json", try String(contentsOfFile: scenario, encoding: .utf8))
        let harness = CLIHarness(workingDirectory: folder.path)
        let deliver = await harness.run(
            "webhook", "deliver", "survey.json", payload, "--sandbox", "--record", "survey.cassette.json", "--modules", ServeCommandTests.modules
        )
        return (folder, harness, deliver)
    }

    @Test func aRecordedDeliveryReplaysAndPasses() async throws {
        let (folder, harness, deliver) = try await Self.recorded()
        defer { folder.remove() }
        #expect(deliver.code == .success, "\(deliver.stderr)")
        #expect(deliver.stderr.contains("recorded 2 interactions"), "\(deliver.stderr)")
        let cassette = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/survey.cassette.json"))))
        #expect(cassette["deliveries"]?.arrayValue?.count == 1)
        #expect(cassette["deliveries"]?[0]?["triggered_event"] == "Completed Survey")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.refinery"), "a recording keeps no state beside the scenario")

        let updated = await harness.run("test", ".", "--update", "--modules", ServeCommandTests.modules)
        #expect(updated.code == .success, "\(updated.stdout)\(updated.stderr)")
        let expected = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/survey.expected.json"))))
        #expect(expected["operations"] == 3)
        #expect(expected["cycles"] == 1)
        let tested = await harness.run("test", ".", "--modules", ServeCommandTests.modules)
        #expect(tested.code == .success, "\(tested.stdout)")
        #expect(tested.stdout.contains("1 scenario: 1 passed"), "\(tested.stdout)")
        let replayed = await harness.run("run", "survey.json", "--replay", "survey.cassette.json", "--json", "--modules", ServeCommandTests.modules)
        #expect(replayed.code == .success, "\(replayed.stderr)")
        #expect(try JSONValue(parsing: replayed.stdout) == expected)
    }

    /// An instant scenario with nothing to deliver says how to feed it, instead of a run that does nothing.
    @Test func anInstantScenarioWithoutDeliveriesSaysHowToFeedIt() async throws {
        let outcome = await CLIHarness(workingDirectory: Self.root).run("run", "scenarios/completed-survey-identify.json", "--sandbox")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("webhook deliver"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--record"))
    }

    /// The shipped instant scenarios pass in CI from their cassettes, with no key.
    @Test(arguments: ["completed-survey-identify", "entered-segment-tag-and-track"])
    func theShippedInstantScenariosReplay(name: String) async throws {
        let outcome = await CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: Self.root).run("test", "scenarios/\(name).json")
        #expect(outcome.code == .success, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("1 scenario: 1 passed"), "\(outcome.stdout)")
    }
}

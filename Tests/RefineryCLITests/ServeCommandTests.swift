import Foundation
import RefineryCLI
import Testing

@Suite struct ServeCommandTests {
    static let modules = ModuleCommandsTests.root + "/modules"

    /// An instant-trigger scenario: every completed survey becomes a `survey-completed` event of its contact.
    static let trackScenario = """
    {
      "name": "Track completed surveys",
      "flow": [
        {"id": 1, "module": "refiner:watchCompletedSurvey", "version": 1, "parameters": {}},
        {"id": 2, "module": "refiner:trackEvent", "version": 1, "mapper": {"event": "survey-completed", "id": "{{1.remote_id}}"}}
      ],
      "metadata": {"refinery": {"webhook": {"tokenVariable": "TRACK_TOKEN"}}}
    }
    """

    static let payload = #"{"triggered_event": "Completed Survey", "remote_id": "user-7", "form": {"uuid": "f", "name": "NPS"}, "response": {"uuid": "r", "data": {}, "tags": []}}"#

    static let polling = #"{"name": "p", "flow": [{"id": 1, "module": "refiner:watchResponses"}]}"#

    func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("track.json", Self.trackScenario)
        try folder.write("payload.json", Self.payload)
        try folder.write("poll.json", Self.polling)
        try folder.write("broken.json", #"{"name": "b", "flow": [{"id": 1, "module": "refiner:watchNothing"}]}"#)
        try folder.write("garbage.json", "{not json")
        return folder
    }

    @Test func webhookDeliverRunsThePayloadThroughTheJournal() async throws {
        let folder = try folder()
        defer { folder.remove() }
        let harness = CLIHarness(workingDirectory: folder.path)
        let outcome = await harness.run("webhook", "deliver", "track.json", "payload.json", "--sandbox", "--modules", Self.modules, "--json")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(#""status": "success""#))
        #expect(outcome.stdout.contains(#""operations": 2"#))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.refinery/track.deliveries.journal"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.refinery/track.state.json"))
    }

    @Test(arguments: [
        (["webhook", "send", "track.json", "payload.json"], ExitCode.usage, "unknown webhook action 'send'; the only one is 'deliver'"),
        (["webhook", "deliver", "poll.json", "payload.json", "--sandbox"], .usage, "scenario 'poll.json' does not start with an instant trigger"),
        (["webhook", "deliver", "track.json", "garbage.json", "--sandbox"], .dataError, "garbage.json: error: the payload is not valid JSON"),
        (["webhook", "deliver", "broken.json", "payload.json", "--sandbox"], .dataError, "broken.json"),
        (["serve", "track.json", "--sandbox"], .usage, "scenario 'track.json' has an instant trigger and needs its webhook token: set TRACK_TOKEN"),
        (["serve", "track.json", "broken.json", "--sandbox"], .dataError, "broken.json"),
        (["serve", "track.json", "--sandbox", "TOKEN=x"], .usage, "the webhook token in TRACK_TOKEN must be at least 16 characters without spaces"),
        (["serve", "track.json", "--sandbox", "TOKEN=                    "], .usage, "the webhook token in TRACK_TOKEN must be at least 16"),
        (["serve", "track.json", "track.json", "--sandbox"], .usage, "two scenarios would be served as 'track'"),
        (["serve", "track.json", "--port", "99999"], .usage, "option '--port' needs an integer 0...65535"),
    ])
    func badInvocationsExitWithTheRightCode(arguments: [String], code: ExitCode, message: String) async throws {
        let folder = try folder()
        defer { folder.remove() }
        var harness = CLIHarness(workingDirectory: folder.path)
        // A trailing `TOKEN=...` argument is the token to set, not an argument.
        let token = arguments.last.flatMap { $0.hasPrefix("TOKEN=") ? String($0.dropFirst(6)) : nil }
        if let token { harness.environment["TRACK_TOKEN"] = token }
        if token == nil, !message.contains("webhook token") { harness.environment["TRACK_TOKEN"] = "secret-value-0001-abc" }
        let outcome = await harness.run(arguments.filter { !$0.hasPrefix("TOKEN=") } + ["--modules", Self.modules])
        #expect(outcome.code == code)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("secret-value-0001-abc"))
    }

    /// The built binary prints each webhook URL, accepts a delivery, and exits 0 on SIGTERM having processed it.
    @Test func servesUntilSIGTERMAndExitsZero() async throws {
        let folder = try folder()
        defer { folder.remove() }
        let child = try await ServeChild.start(
            ["serve", "track.json", "--sandbox", "--modules", Self.modules], folder: folder.path, environment: ["TRACK_TOKEN": "secret-value-0001-abc"]
        )
        #expect(child.url.hasPrefix("http://127.0.0.1:") && child.url.hasSuffix("/hooks/track"))
        #expect(try await child.post(Self.payload, token: "secret-value-0001-abc") == 200)
        #expect(try await child.post(Self.payload, token: "secret-value-2") == 401)
        child.process.terminate()
        #expect(try await SandboxCommandTests.exitStatus(of: child.process) == 0)
        let state = try String(contentsOfFile: folder.path + "/.refinery/track.state.json", encoding: .utf8)
        #expect(state.contains(#""status" : "success""#) || state.contains(#""status": "success""#))
    }
}

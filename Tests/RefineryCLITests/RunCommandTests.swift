import Foundation
import RefineryCLI
import RefineryJSON
import RefinerySandbox
import Testing

/// `refinery run` end to end, in-process: the shipped scenarios on the sandbox, the JSON report, the
/// trace, record then replay, and the errors before anything runs.
@Suite(.serialized) struct RunCommandTests {
    static let root = ModuleCommandsTests.root
    let harness = CLIHarness(workingDirectory: RunCommandTests.root)

    static let shipped = [
        "nps-detractor-follow-up", "weekly-nps-digest", "route-promoters-and-detractors",
        "clean-up-contacts", "enrich-contacts-from-answers", "nps-detractor-slack-alert",
    ]

    /// Runs a shipped scenario on the sandbox and returns its JSON report and its traced bundles.
    func runOnSandbox(_ name: String) async throws -> (report: JSONValue, bundles: [JSONValue]) {
        let outcome = await harness.run("run", "scenarios/\(name).json", "--sandbox", "--json", "--trace")
        #expect(outcome.code == .success, "\(name): \(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        return (try JSONValue(parsing: outcome.stdout), try lines.map { try JSONValue(parsing: $0) })
    }

    func stats(_ report: JSONValue, module id: Int) -> (operations: Int, bundles: Int) {
        let module = report["modules"]?.arrayValue?.first { $0["id"] == .int(id) }
        return (module?["operations"]?.intValue ?? -1, module?["bundles"]?.intValue ?? -1)
    }

    /// One run per scenario (each seeds a sandbox and does real work: the suite runs them one at a time so
    /// the cooperative pool keeps a thread for the other suites' servers).
    @Test(arguments: shipped)
    func everyShippedScenarioRunsOnTheSandbox(name: String) async throws {
        let (report, bundles) = try await runOnSandbox(name)
        #expect(report["status"] == "success")
        #expect(report["errors"]?.arrayValue?.isEmpty == true)
        #expect((report["operations"]?.intValue ?? 0) > 1)
        let counted = report["modules"]?.arrayValue?.reduce(0) { $0 + ($1["bundles"]?.intValue ?? 0) }
        #expect(counted == bundles.count)
        switch name {
        case "nps-detractor-follow-up": try detractorsAreTaggedSegmentedAndTracked(report, bundles)
        case "weekly-nps-digest": try theDigestNamesEveryNPSSurvey(bundles)
        case "route-promoters-and-detractors": everyNPSResponseTakesExactlyOneRoute(report)
        case "enrich-contacts-from-answers": try enrichmentIdentifiesOneContactPerAnsweredResponse(report, bundles)
        case "nps-detractor-slack-alert": everyDetractorIsPostedToTheSandboxInbox(report, bundles)
        default: #expect(stats(report, module: 2).bundles > 0, "some inactive contacts are deleted")
        }
    }

    func detractorsAreTaggedSegmentedAndTracked(_ report: JSONValue, _ bundles: [JSONValue]) throws {
        let tagged = stats(report, module: 2).bundles
        #expect(tagged > 0)
        #expect(stats(report, module: 3).bundles <= tagged)
        #expect(stats(report, module: 4).bundles == tagged)
        let responses = bundles.filter { $0["id"] == 1 }.map { $0["bundle"] ?? .null }
        let detractors = responses.filter { response in
            guard let score = (response["data"]?["nps_score"] ?? response["data"]?["onboarding_nps"])?.intValue else { return false }
            return score <= 6
        }
        #expect(detractors.count == tagged)
        let dates = responses.compactMap { $0["last_data_reception_at"]?.stringValue }
        #expect(dates == dates.sorted(), "oldest first")
    }

    func theDigestNamesEveryNPSSurvey(_ bundles: [JSONValue]) throws {
        let digest = try #require(bundles.last { $0["module"] == "util:SetVariable" }?["bundle"]?["digest"]?.stringValue)
        #expect(digest.hasPrefix("Refiner digest, week of "))
        #expect(digest.contains("\n- NPS — Product: NPS "))
        #expect(digest.contains("\n- NPS — Onboarding: NPS "))
        #expect(!digest.contains("CSAT — "))
    }

    /// With no `REFINERY_HTTP_SLACK_URL`, `--sandbox` posts to the sandbox's stand-in for Slack.
    func everyDetractorIsPostedToTheSandboxInbox(_ report: JSONValue, _ bundles: [JSONValue]) {
        #expect(stats(report, module: 3).bundles == stats(report, module: 2).bundles)
        #expect(stats(report, module: 3).bundles > 0)
        let answers = bundles.filter { $0["id"] == 3 }.map { $0["bundle"] ?? .null }
        #expect(answers.allSatisfy { $0["statusCode"] == 200 && $0["data"] == "ok" })
    }

    func everyNPSResponseTakesExactlyOneRoute(_ report: JSONValue) {
        let routed = [3, 5, 7].map { stats(report, module: $0).bundles }.reduce(0, +)
        #expect(routed == stats(report, module: 1).bundles)
        #expect(stats(report, module: 6).bundles == stats(report, module: 5).bundles)
    }

    func enrichmentIdentifiesOneContactPerAnsweredResponse(_ report: JSONValue, _ bundles: [JSONValue]) throws {
        #expect(stats(report, module: 4).bundles == stats(report, module: 3).bundles)
        let aggregate = try #require(bundles.first { $0["id"] == 3 }?["bundle"]?["array"]?.arrayValue?.first)
        #expect(aggregate["key"]?.stringValue?.hasPrefix("last_") == true)
    }

    /// The summary shows each filter's "passed / dropped" as the JSON report counts them, and nothing
    /// on the modules without a filter.
    @Test func theSummarySaysWhatEachFilterPassedAndDropped() async throws {
        let (report, _) = try await runOnSandbox("route-promoters-and-detractors")
        let summary = await harness.run("run", "scenarios/route-promoters-and-detractors.json", "--sandbox")
        let lines = summary.stdout.split(separator: "\n").map(String.init)
        let modules = try #require(report["modules"]?.arrayValue)
        #expect(modules.contains { $0["filter"] != nil } && modules.contains { $0["filter"] == nil })
        for module in modules {
            let id = module["id"]?.intValue ?? 0
            let line = try #require(lines.first { $0.hasPrefix("  ") && $0.split(separator: " ").first == "\(id)" }, "module \(id)")
            if let filter = module["filter"] {
                #expect(line.hasSuffix("bundles  filter: \(filter["passed"]?.intValue ?? -1) passed, \(filter["dropped"]?.intValue ?? -1) dropped"))
            } else {
                #expect(line.hasSuffix(" bundles"))
            }
        }
    }

    @Test func recordThenReplayGivesTheSameReportEveryTime() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = folder.path + "/digest.cassette.json"
        let scenario = "scenarios/weekly-nps-digest.json"
        let recorded = await harness.run("run", scenario, "--sandbox", "--record", cassette, "--json")
        #expect(recorded.code == .success, "\(recorded.stderr)")
        let offline = CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: Self.root)
        let first = await offline.run("run", scenario, "--replay", cassette, "--json")
        let second = await offline.run("run", scenario, "--replay", cassette, "--json")
        #expect(first.code == .success, "\(first.stderr)")
        #expect(first.stdout == recorded.stdout)
        #expect(second.stdout == first.stdout)
        let text = try String(contentsOfFile: cassette, encoding: .utf8)
        #expect(!text.contains(SandboxConfiguration.defaultAPIKey))
        #expect(text.contains("<redacted>"))
    }

    /// Requests carrying `{{uuid}}` replay: the cassette keeps the run's seed, so the replay sends the
    /// same values it recorded (and another recording gets other ones).
    @Test func aRunMappingUUIDsReplaysWithTheRecordedSeed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("events.json", """
        {"name": "Events", "flow": [
          {"id": 1, "module": "refiner:listContacts", "mapper": {"limit": 3}},
          {"id": 2, "module": "refiner:trackEvent", "mapper": {"event": "visit-{{uuid}}", "id": "{{1.remote_id}}"}}]}
        """)
        let local = CLIHarness(workingDirectory: folder.path)
        let arguments = ["--modules", TestCommandTests.modules, "--json"]
        let recorded = await local.run(["run", "events.json", "--sandbox", "--record", "a.cassette.json"] + arguments)
        #expect(recorded.code == .success, "\(recorded.stderr)")
        _ = await local.run(["run", "events.json", "--sandbox", "--record", "b.cassette.json"] + arguments)
        let replayed = await local.run(["run", "events.json", "--replay", "a.cassette.json"] + arguments)
        #expect(replayed.code == .success, "\(replayed.stderr)")
        #expect(replayed.stdout == recorded.stdout)
        let events = { (name: String) throws -> Set<String> in
            let text = try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)
            return Set(text.split(separator: "\"").filter { $0.hasPrefix("visit-") }.map(String.init))
        }
        let first = try events("a.cassette.json"), second = try events("b.cassette.json")
        #expect(first.count == 3)
        #expect(first.isDisjoint(with: second))
    }

    @Test func aMissingKeyIsAUsageErrorBeforeAnyRequest() async {
        let outcome = await CLIHarness(environment: [:], workingDirectory: Self.root).run("run", "scenarios/weekly-nps-digest.json")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("REFINER_API_KEY"))
        #expect(outcome.stderr.contains("--sandbox"))
    }

    @Test func anInvalidScenarioIsReportedBeforeAnythingRuns() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("broken.json", """
        {"name": "broken", "flow": [
          {"id": 1, "module": "refiner:listContact", "mapper": {"limit": 5}},
          {"id": 1, "module": "util:SetVariable", "mapper": {"name": "x", "value": "{{2.email}}"}}
        ]}
        """)
        let outcome = await harness.run("run", folder.path + "/broken.json", "--sandbox")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("broken.json#/flow/0/module:2:"))
        #expect(outcome.stderr.contains("refiner:listContacts"))
        #expect(outcome.stderr.contains("broken.json#/flow/1/id:3:"))
        #expect(outcome.stdout.isEmpty)
    }

    /// A state file of the wrong shape, or a directory in its place, stops the run before any request:
    /// never a silent fresh start that processes every trigger item again.
    @Test(arguments: [#"{"version": 1}"#, #"{"version": 1, "revision": 1, "active": true, "consecutiveErrors": 0, "positions": {"1": {"lastDate": "x"}}, "incomplete": [], "history": []}"#, ""])
    func aDamagedOrUnreadableStateRunsNothing(contents: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = folder.path + "/nps-detractor-follow-up.state.json"
        if contents.isEmpty {
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        } else {
            try folder.write("nps-detractor-follow-up.state.json", contents)
        }
        let outcome = await harness.run("run", "scenarios/nps-detractor-follow-up.json", "--sandbox", "--state", folder.path)
        #expect(outcome.code == .failure)
        #expect(outcome.stderr.contains(state))
        #expect(outcome.stderr.contains("nothing was run"))
        #expect(outcome.stdout.isEmpty)
    }

    /// `--reset-state` is the way to start over from a state that cannot be read: the old one is set
    /// aside whole (never deleted) and the run starts from nothing.
    @Test func resetStateSetsAnUnreadableStateAsideAndStartsOver() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = folder.path + "/nps-detractor-follow-up.state.json"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        try folder.write("nps-detractor-follow-up.state.json/left-by-someone", "x")
        let arguments = ["run", "scenarios/nps-detractor-follow-up.json", "--sandbox", "--state", folder.path]
        let refused = await harness.run(arguments)
        #expect(refused.code == .failure)
        #expect(refused.stderr.contains("refinery run --reset-state"), "\(refused.stderr)")
        let reset = await harness.run(arguments + ["--reset-state"])
        #expect(reset.code == .success, "\(reset.stderr)")
        #expect(reset.stderr.contains("state set aside in \(state).set-aside-"), "\(reset.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("nps-detractor-follow-up.state.json.set-aside-") })
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + aside + "/left-by-someone"), "kept whole")
        let fresh = try String(contentsOfFile: state, encoding: .utf8)
        #expect(fresh.contains("\"positions\""))
        let again = await harness.run(arguments)
        #expect(again.code == .success, "the new state reads: \(again.stderr)")
    }

    @Test func theSummaryNamesEveryModule() async {
        let outcome = await harness.run("run", "scenarios/weekly-nps-digest.json", "--sandbox")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.hasPrefix("scenario 'Weekly NPS and CSAT digest': success, 1 cycle, 9 operations\n"))
        #expect(outcome.stdout.contains("    5 util:TextAggregator "))
        #expect(outcome.stderr.isEmpty)
    }
}

import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting
import Testing

@Suite struct ScenarioHostTests {
    static let token = "s3cret-webhook-token"

    /// A sandbox whose webhooks go over loopback, and a host serving the tag scenario from it.
    struct Setup {
        let sandbox: RefinerSandbox
        let host: ScenarioHost
        let scenario: HostedScenario
        let directory: URL
        let environment: RuntimeEnvironment

        /// `seed` demo only where a test needs surveys and responses: seeding costs CPU every other test shares.
        init(
            blueprint: String = ServingFixtures.tagBlueprint(), directory: URL = ServingFixtures.temporaryDirectory(),
            seed: SandboxSeed = .empty
        ) throws {
            sandbox = RefinerSandbox(configuration: SandboxConfiguration(
                seed: seed, rateLimits: .unlimited, webhookTransport: URLSessionTransport(), webhookPolicy: .init(maxAttempts: 1)
            ))
            let plan = try ServingFixtures.plan(blueprint, file: "scenarios/tag.json", catalog: try ServingFixtures.catalog())
            scenario = HostedScenario(plan: plan, token: ScenarioHostTests.token)
            self.directory = directory
            environment = try ServingFixtures.environment(sandbox, clock: SystemRunClock())
            host = try ScenarioHost([scenario], options: ScenarioHost.Options(stateDirectory: directory, environment: environment))
        }

        func control(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
            let request = HTTPRequest(
                method: method, target: path, headers: ["Content-Type": "application/json"], body: body?.serializedBytes() ?? []
            )
            return try JSONValue(parsing: await sandbox.handle(request).body)
        }

        func state() throws -> ScenarioState {
            try FileStateStore(directory: directory, now: { Date() }).read("tag")
        }

        func post(_ payload: JSONValue, token: String = ScenarioHostTests.token) async throws -> HTTPResponse {
            let request = HTTPRequest(
                method: .post, target: host.url(of: scenario),
                headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"], body: payload.serializedBytes()
            )
            return try await URLSessionTransport().send(request)
        }
    }

    @Test func servesTheScenarioAtHooksSlashItsFileName() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        #expect(setup.scenario.key == "tag")
        #expect(setup.host.url(of: setup.scenario) == "http://127.0.0.1:\(setup.host.server.port)/hooks/tag")
        #expect(setup.host.webhooks.count == 1 && setup.host.scheduled.isEmpty)
    }

    /// The whole path: the sandbox POSTs a completed survey to the server, the engine tags the response.
    @Test func completedSurveyInTheSandboxTagsItsResponseThroughTheServer() async throws {
        let setup = try Setup(seed: .demo)
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        try await setup.host.start()
        let registered = try await setup.control(.post, "/_sandbox/webhooks", [
            "url": .string(setup.host.url(of: setup.scenario)), "events": ["Completed Survey"], "secret": .string(Self.token),
        ])
        #expect(registered["uuid"] != nil)
        let forms = try await setup.control(.get, "/_sandbox/state")["forms"]?.arrayValue ?? []
        let form = try #require(forms.first?["uuid"])
        let response = try await setup.control(.post, "/_sandbox/complete-survey", ["form_uuid": form, "id": "user-3"])
        let responseUUID = try #require(response["uuid"]?.stringValue)
        await setup.sandbox.waitForWebhookDeliveries()
        await setup.host.stop()
        let deliveries = try await setup.control(.get, "/_sandbox/deliveries").arrayValue ?? []
        #expect(deliveries.map { $0["last_status"] } == [200])
        let responses = try await setup.control(.get, "/_sandbox/state")["responses"]?.arrayValue ?? []
        let tagged = try #require(responses.first { $0["uuid"]?.stringValue == responseUUID })
        #expect(tagged["tags"] == ["followed-up"])
        #expect(try setup.state().history.map(\.status) == ["success"])
    }

    @Test func aWrongTokenIsRefusedAndNeverProcessed() async throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        try await setup.host.start()
        let refused = try await setup.post(ServingFixtures.payload(response: "r-1"), token: "s3cret-webhook-tokem")
        let accepted = try await setup.post(ServingFixtures.payload(response: "r-2"))
        await setup.host.stop()
        #expect(refused.status == 401)
        #expect(accepted.status == 200)
        let state = try setup.state()
        // r-2 is not a sandbox response: the execution ran and failed on tagging it; r-1 never ran.
        #expect(state.history.count == 1)
        let (_, recovered) = try DeliveryJournal.open(at: WebhookQueue.journalURL(in: setup.directory, key: "tag"))
        #expect(recovered.pending.isEmpty && recovered.inDoubt.isEmpty)
    }

    /// Parallel executions each write the state: the merged state keeps every one's history entry.
    @Test func parallelDeliveriesAllReachTheSharedState() async throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        try await setup.host.start()
        let queue = try #require(setup.host.queue(setup.scenario))
        for index in 1...8 {
            _ = try await queue.accept(ServingFixtures.payload(response: "missing-\(index)"), receivedAt: Date())
        }
        await setup.host.stop()
        let state = try setup.state()
        #expect(state.history.count == 8)
        #expect(state.history.allSatisfy { $0.status == "error" })
        #expect(state.consecutiveErrors == 8)
    }

    /// A crash after `started` leaves a delivery in doubt: by default it is stored as an incomplete
    /// execution, not run again; pending deliveries are run.
    @Test(arguments: [("incomplete", 1, 1), ("retry", 0, 2)])
    func inDoubtDeliveriesFollowThePolicy(policy: String, incomplete: Int, runs: Int) async throws {
        let directory = ServingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (journal, _) = try DeliveryJournal.open(at: WebhookQueue.journalURL(in: directory, key: "tag"))
        let inDoubt = try await journal.accept(ServingFixtures.payload(response: "a"), receivedAt: Date())
        try await journal.markStarted(inDoubt.id)
        _ = try await journal.accept(ServingFixtures.payload(response: "b"), receivedAt: Date())
        try await journal.close()
        let setup = try Setup(blueprint: ServingFixtures.tagBlueprint(inDoubt: policy), directory: directory)
        let events = Collector<String>()
        try await setup.host.start { event in
            if case .recovered(_, let pending, let doubt, _) = event { events.append("\(pending)/\(doubt)") }
        }
        await setup.host.stop()
        #expect(events.values == ["1/1"])
        let state = try setup.state()
        #expect(state.incomplete.count == incomplete)
        #expect(state.history.count == runs)
        if incomplete == 1 {
            #expect(state.incomplete.first?.id == "delivery-\(inDoubt.id)")
            #expect(state.incomplete.first?.moduleId == 2)
            // Retrying it runs the flow after the trigger on the stored payload.
            let store = FileStateStore(directory: directory, now: { Date() })
            let runner = ScenarioRunner(plan: setup.scenario.plan, environment: setup.environment.with(store: store), scenarioKey: "tag")
            let retried = try await runner.retryIncomplete(id: "delivery-\(inDoubt.id)")
            #expect(retried?.stats(for: 2)?.operations == 1)
        }
    }

    @Test func aSecondHostOnTheSameStateIsRefused() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        #expect(throws: StateError.self) {
            _ = try ScenarioHost([setup.scenario], options: ScenarioHost.Options(stateDirectory: setup.directory, environment: setup.environment))
        }
    }

    @Test func deliverRunsOnePayloadThroughTheJournal() async throws {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(rateLimits: .unlimited))
        let catalog = try ServingFixtures.catalog()
        let environment = try ServingFixtures.environment(sandbox, clock: SystemRunClock())
        let plan = try ServingFixtures.plan(ServingFixtures.tagBlueprint(), file: "tag.json", catalog: catalog)
        let directory = ServingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = try JSONValue(parsing: await sandbox.handle(HTTPRequest(method: .get, target: "/_sandbox/state")).body)
        let response = try #require(state["responses"]?.arrayValue?.first?["uuid"]?.stringValue)
        let result = try await ScenarioHost.deliver(
            ServingFixtures.payload(response: response), to: HostedScenario(plan: plan), options: .init(stateDirectory: directory, environment: environment)
        )
        #expect(result.report?.status == .success)
        #expect(result.report?.stats(for: 2)?.operations == 1)
        #expect(result.recovered.isEmpty && result.inDoubt == 0)
    }

    /// The trigger's `webhook.condition` applies: a completion of another survey runs nothing after it.
    @Test(arguments: [("00000000-0000-0000-0000-000000000000", 1), ("11111111-2222-3333-4444-555555555555", 0)])
    func theSurveyFilterOfTheTriggerApplies(formUuid: String, tagged: Int) async throws {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, rateLimits: .unlimited))
        let catalog = try ServingFixtures.catalog()
        let environment = try ServingFixtures.environment(sandbox, clock: SystemRunClock())
        let blueprint = ServingFixtures.tagBlueprint().replacingOccurrences(
            of: #""parameters": {}"#, with: #""parameters": {"formUuid": "\#(formUuid)"}"#
        )
        let plan = try ServingFixtures.plan(blueprint, file: "tag.json", catalog: catalog)
        let directory = ServingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await ScenarioHost.deliver(
            ServingFixtures.payload(response: "r"), to: HostedScenario(plan: plan), options: .init(stateDirectory: directory, environment: environment)
        )
        #expect(result.report?.stats(for: 1)?.bundles == tagged)
        #expect(result.report?.stats(for: 2)?.operations == tagged)
    }
}

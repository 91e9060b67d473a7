import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting
import Testing

/// The instant triggers against the webhooks the sandbox really sends.
@Suite struct RefinerWebhookTests {
    static func deliveries(_ receiver: StubTransport, count: Int) async -> [HTTPRequest] {
        for _ in 0..<10_000 where receiver.requests.count < count { await Task.yield() }
        return receiver.requests
    }

    @Test func bothInstantTriggersAcceptWhatTheSandboxSends() async throws {
        let receiver = StubTransport(statuses: [200])
        let clock = VirtualRunClock()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(rateLimits: .unlimited, clock: clock, webhookTransport: receiver))
        let control = InProcessTransport(handler: sandbox)
        let register = HTTPRequest(method: .post, target: "/_sandbox/webhooks", headers: ["Content-Type": "application/json"],
                                   body: (["url": "http://hooks.test/refiner", "secret": "hook-secret-1"] as JSONValue).serializedBytes())
        #expect(try await control.send(register).status < 300)
        let app = try Fixtures.refinerApp()
        let connection = try requireConnectionValues(app, key: sandbox.apiKey)
        let runner = ModuleRunner(app: app, environment: ModuleEnvironment(transport: control, clock: clock))
        let segments = try await runner.collect("listSegments", input: ["limit": 100], connection: connection)
        let manual = try #require(segments.first { $0.bundle["is_manual"] == true }?.bundle["uuid"])
        _ = try await runner.collect("addContactToSegment", input: ["segmentUuid": manual, "id": "hook-user"], connection: connection)
        let form = try #require(try await runner.collect("listForms", input: ["limit": 1], connection: connection).first?.bundle["uuid"])
        let complete = HTTPRequest(method: .post, target: "/_sandbox/complete-survey", headers: ["Content-Type": "application/json"],
                                   body: (["form_uuid": form, "id": "hook-user"] as JSONValue).serializedBytes())
        #expect(try await control.send(complete).status < 300)

        let sent = await Self.deliveries(receiver, count: 2)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.headers["Authorization"] == "Bearer hook-secret-1" })
        let payloads = try sent.map { try $0.jsonBody() }
        let entered = try #require(payloads.first { $0["triggered_event"] != "Completed Survey" })
        let completed = try #require(payloads.first { $0["triggered_event"] == "Completed Survey" })
        let segmentBundles = try runner.webhookOutputs("watchUserEnteredSegment", input: [:], payload: entered)
        #expect(segmentBundles.first?.bundle["remote_id"] == "hook-user")
        #expect(try runner.webhookOutputs("watchUserEnteredSegment", input: [:], payload: completed).isEmpty)
        let surveyBundles = try runner.webhookOutputs("watchCompletedSurvey", input: ["formUuid": form], payload: completed)
        #expect(surveyBundles.first?.bundle["response"]?["completed_at"] != nil)
        #expect(surveyBundles.first?.bundle["form"]?["uuid"] == form)
        #expect(try runner.webhookOutputs("watchCompletedSurvey", input: [:], payload: entered).isEmpty)
    }
}

/// A Refiner instant trigger as Make exports it carries `__IMTHOOK__` (and `__IMTCONN__`) in its
/// parameters: they are Make's, not the module's, on every path.
@Suite struct MakeExportedInstantTriggerTests {
    @Test func makesOwnKeysAreIgnoredOnADelivery() async throws {
        let app = try Fixtures.refinerApp()
        let hook = AppModule(app: app, module: try #require(app.modules["watchCompletedSurvey"]))
        let harness = RunHarness(extra: ["refiner:watchCompletedSurvey": hook, "test:record": FakeModule.action()])
        let flow = """
        [{"id": 1, "module": "refiner:watchCompletedSurvey", "version": 1, "parameters": {"__IMTHOOK__": 1234567, "__IMTCONN__": 89}},
         {"id": 2, "module": "test:record", "mapper": {"email": "{{1.email}}"}}]
        """
        var options = RunOptions()
        options.deliveries = [["triggered_event": "Completed Survey", "email": "a@x.io", "form": ["uuid": "f-1", "name": "NPS"]]]
        let report = try await harness.run(flow: flow, options: options)
        #expect(report.status == .success, "\(report.errors)")
        #expect(report.modules.first { $0.id == 2 }?.operations == 1)
        #expect(harness.state.active)
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON
import Testing

/// The loop of docs/webhooks.md with the built binary: `refinery sandbox` POSTs a completed survey to
/// `refinery serve`, whose instant-trigger scenario calls the sandbox back (tracks an event).
@Suite struct SandboxWebhookLoopTests {
    static let token = "loop-token-0001-abcdef"

    @Test func theSandboxDeliversACompletedSurveyToServeWhichCallsItBack() async throws {
        let binary = try #require(BinarySmokeTests.binaryURL())
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("track.json", ServeCommandTests.trackScenario)
        let sandbox = try await SandboxProcess.start(binary: binary)
        let root = sandbox.baseURL.replacingOccurrences(of: "/v1", with: "")
        let serve = try await ServeChild.start(
            ["serve", "track.json", "--modules", ServeCommandTests.modules], folder: folder.path,
            environment: ["TRACK_TOKEN": Self.token, "REFINER_BASE_URL": sandbox.baseURL, "REFINER_API_KEY": sandbox.apiKey]
        )
        let registered = try await Self.send(.post, root + "/_sandbox/webhooks", [
            "url": .string(serve.url), "events": ["Completed Survey"], "secret": .string(Self.token),
        ])
        #expect(registered["has_secret"] == true)
        let forms = try await Self.send(.get, root + "/_sandbox/state")["forms"]?.arrayValue ?? []
        let form = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"])
        let stored = try await Self.send(.post, sandbox.baseURL + "/responses", ["form_uuid": form, "id": "user-3", "nps_score": 6], key: sandbox.apiKey)
        #expect(stored["message"] == "ok")
        let log = try await Self.send(.get, root + "/_sandbox/deliveries?wait=1")
        serve.process.terminate()
        #expect(try await SandboxCommandTests.exitStatus(of: serve.process) == 0)

        let record = try #require(log.arrayValue?.first)
        #expect(record["delivered"] == true && record["last_status"] == 200 && record["url"]?.stringValue == serve.url)
        #expect(!log.serialized().contains(Self.token))
        let state = try await sandbox.state()
        await sandbox.stop()
        let events = (state["events"]?.arrayValue ?? []).filter { $0["event"] == "survey-completed" }
        #expect(events.map { $0["remote_id"] } == ["user-3"], "serve ran the scenario on the delivery and called the sandbox")
    }

    static func send(_ method: HTTPMethod, _ url: String, _ body: JSONValue? = nil, key: String? = nil) async throws -> JSONValue {
        var headers: HTTPHeaders = body == nil ? [:] : ["Content-Type": "application/json"]
        if let key { headers["Authorization"] = "Bearer \(key)" }
        let request = HTTPRequest(method: method, target: url, headers: headers, body: body?.serializedBytes() ?? [])
        return try await ServeChild.transport.send(request).jsonBody()
    }
}

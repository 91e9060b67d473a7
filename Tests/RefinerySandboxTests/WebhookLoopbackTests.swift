import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

/// The sandbox served on loopback POSTs its webhooks over real sockets (`URLSessionTransport`, as
/// `refinery sandbox` does) to a receiver on another port; the delivery log is read over HTTP.
@Suite struct WebhookLoopbackTests {
    static let secret = "loopback-secret-0001"
    static let client = URLSessionTransport(configuration: .init(requestTimeout: 10, resourceTimeout: 10))

    struct Setup {
        let receiver = WebhookReceiverDouble()
        let hooks: HTTPServer
        let served: SandboxServer
        let clock = VirtualRunClock()

        init(maxAttempts: Int = 1) throws {
            hooks = try HTTPServer(handler: receiver, host: "127.0.0.1", port: 0, limits: .init(), clock: SystemRunClock())
            try hooks.start()
            let sandbox = RefinerSandbox(configuration: SandboxConfiguration(
                seed: .demo, contacts: 0, rateLimits: .unlimited, clock: clock,
                webhookTransport: URLSessionTransport(configuration: .init(requestTimeout: 10, resourceTimeout: 10)),
                webhookPolicy: .init(maxAttempts: maxAttempts)
            ))
            served = try SandboxServer.start(sandbox: sandbox)
        }

        func call(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(served.sandbox.apiKey)"]
            if body != nil { headers["Content-Type"] = "application/json" }
            let request = HTTPRequest(method: method, target: served.server.baseURL + path, headers: headers, body: body?.serializedBytes() ?? [])
            return try await WebhookLoopbackTests.client.send(request).jsonBody()
        }

        func stop() async {
            await served.stop()
            await hooks.stop()
        }
    }

    @Test func aSurveyCompletedThroughTheAPIIsPostedToTheReceiverAndLogged() async throws {
        let setup = try Setup()
        do {
            let hookURL = setup.hooks.baseURL + "/hooks/refiner"
            let registered = try await setup.call(.post, "/_sandbox/webhooks", [
                "url": .string(hookURL), "events": ["Completed Survey"], "secret": .string(Self.secret),
            ])
            #expect(registered["has_secret"] == true)
            let forms = try await setup.call(.get, "/v1/forms")["items"]?.arrayValue ?? []
            let form = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"])
            let stored = try await setup.call(.post, "/v1/responses", ["form_uuid": form, "id": "user-9", "nps_score": 3])
            let responseUUID = try #require(stored["uuid"]?.stringValue)
            let log = try await setup.call(.get, "/_sandbox/deliveries?wait=1")

            let request = try #require(setup.receiver.requests.first)
            #expect(setup.receiver.requests.count == 1)
            #expect(request.method == .post && request.path == "/hooks/refiner")
            #expect(request.headers["Authorization"] == "Bearer \(Self.secret)")
            #expect(request.headers["Content-Type"] == "application/json")
            let payload = try request.jsonBody()
            #expect(payload["triggered_event"] == "Completed Survey")
            #expect(payload["remote_id"] == "user-9")
            #expect(payload["form"]?["uuid"] == form)
            #expect(payload["response"]?["uuid"]?.stringValue == responseUUID)
            #expect(payload["attributes"]?["nps_score"] == "3")

            let record = try #require(log.arrayValue?.first)
            #expect(log.arrayValue?.count == 1)
            #expect(record["delivered"] == true && record["last_status"] == 200 && record["attempts"] == 1)
            #expect(record["url"]?.stringValue == hookURL && record["webhook_uuid"] == registered["uuid"])
            #expect(record["event"] == "Completed Survey" && record["last_error"] == .null)
            #expect(!log.serialized().contains(Self.secret), "the log never shows the secret")
        } catch {
            Issue.record(error)
        }
        await setup.stop()
    }

    /// Nobody listens: every attempt fails, the retries wait on the sandbox's clock, the log says why.
    @Test func anUnreachableReceiverIsRetriedAndLoggedAsUndelivered() async throws {
        let setup = try Setup(maxAttempts: 3)
        do {
            let closed = setup.hooks.baseURL + "/hooks/gone"
            await setup.hooks.stop()
            _ = try await setup.call(.post, "/_sandbox/webhooks", ["url": .string(closed), "secret": .string(Self.secret)])
            let forms = try await setup.call(.get, "/v1/forms")["items"]?.arrayValue ?? []
            let form = try #require(forms.first?["uuid"])
            _ = try await setup.call(.post, "/_sandbox/complete-survey", ["form_uuid": form, "email": "x@example.com"])
            let log = try await setup.call(.get, "/_sandbox/deliveries?wait=true")
            let record = try #require(log.arrayValue?.first)
            #expect(record["delivered"] == false && record["attempts"] == 3 && record["last_status"] == .null)
            #expect(record["last_error"]?.stringValue?.isEmpty == false)
            #expect(setup.clock.sleeps == [1, 5])
            #expect(!log.serialized().contains(Self.secret))
        } catch {
            Issue.record(error)
        }
        await setup.stop()
    }
}

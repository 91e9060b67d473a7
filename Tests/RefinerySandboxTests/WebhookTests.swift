import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization
import Testing

/// Records what it receives; fails the first `failures` deliveries with 503.
final class WebhookReceiverDouble: HTTPHandler {
    let received = Mutex<[HTTPRequest]>([])
    let failures: Int

    init(failures: Int = 0) {
        self.failures = failures
    }

    var requests: [HTTPRequest] { received.withLock { $0 } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let count = received.withLock { list in
            list.append(request)
            return list.count
        }
        return count <= failures ? .text("down", status: 503) : .json(["ok": true])
    }
}

@Suite struct WebhookTests {
    static func register(_ harness: SandboxHarness, events: [JSONValue]) async -> Int {
        await harness.call(.post, "/_sandbox/webhooks", json: [
            "url": "http://receiver.test/hooks/refiner", "events": .array(events), "secret": "s3cret-token",
        ]).status
    }

    @Test func postsCompletedSurveysWithTheSecretAsBearerToken() async throws {
        let receiver = WebhookReceiverDouble()
        let harness = SandboxHarness(webhookTransport: InProcessTransport(handler: receiver))
        #expect(await Self.register(harness, events: ["Completed Survey"]) == 200)
        let forms = await harness.call(.get, "/v1/forms").body["items"]?.arrayValue ?? []
        let form = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"]?.stringValue)
        let completed = await harness.call(.post, "/_sandbox/complete-survey", json: [
            "form_uuid": .string(form), "id": "user-3", "data": ["nps_score": 10, "nps_reason": "great"],
        ])
        #expect(completed.status == 200)
        await harness.sandbox.waitForWebhookDeliveries()
        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        #expect(request.method == .post)
        #expect(request.target == "http://receiver.test/hooks/refiner")
        #expect(request.headers["Authorization"] == "Bearer s3cret-token")
        #expect(request.headers["Content-Type"] == "application/json")
        let payload = try request.jsonBody()
        #expect(payload["triggered_event"] == "Completed Survey")
        #expect(payload["remote_id"] == "user-3")
        #expect(payload["project_uuid"]?.stringValue?.count == 36)
        #expect(payload["form"]?["uuid"]?.stringValue == form)
        #expect(payload["response"]?["data"]?["nps_score"] == 10)
        #expect(payload["response"]?["tags"] == [])
        #expect(payload["attributes"]?["nps_score"] == "10", "answers are delivered as text, as Refiner sends them")
        #expect(payload["account"] != nil && payload["segments"]?.arrayValue != nil)
    }

    @Test func postsManualSegmentEntriesOnce() async throws {
        let receiver = WebhookReceiverDouble()
        let harness = SandboxHarness(webhookTransport: InProcessTransport(handler: receiver))
        #expect(await Self.register(harness, events: ["Entered Segment"]) == 200)
        let segments = await harness.call(.get, "/v1/segments").body["items"]?.arrayValue ?? []
        let vip = try #require(segments.first { $0["name"] == "VIP" }?["uuid"]?.stringValue)
        let pro = try #require(segments.first { $0["name"] == "Pro plan" }?["uuid"]?.stringValue)
        let added = await harness.call(.post, "/v1/sync-segment", json: ["segment_uuid": .string(vip), "id": "brand-new"])
        #expect(added.body["message"] == "ok")
        #expect(added.body["segment_uuid"]?.stringValue == vip)
        await harness.call(.post, "/v1/sync-segment", json: ["segment_uuid": .string(vip), "id": "brand-new"])
        let dataDriven = await harness.call(.post, "/v1/sync-segment", json: ["segment_uuid": .string(pro), "id": "brand-new"])
        #expect(dataDriven.status == 400)
        await harness.sandbox.waitForWebhookDeliveries()
        #expect(receiver.requests.count == 1)
        let payload = try #require(try receiver.requests.first?.jsonBody())
        #expect(payload["triggered_event"] == "Entered Segment")
        #expect(payload["segments"]?.uuids.contains(vip) == true)
        let contact = await harness.call(.get, "/v1/contacts", query: [("segment_uuid", vip), ("search", "brand-new")]).body
        #expect(contact["pagination"]?["items_count"] == 1)
        #expect(await harness.call(.delete, "/v1/sync-segment", query: [("segment_uuid", vip), ("id", "brand-new")]).status == 200)
        let after = await harness.call(.get, "/v1/contacts", query: [("segment_uuid", vip), ("search", "brand-new")]).body
        #expect(after["pagination"]?["items_count"] == 0)
    }

    @Test(arguments: [(2, 3, true), (9, 4, false)])
    func retriesFailedDeliveriesABoundedNumberOfTimes(failures: Int, attempts: Int, delivered: Bool) async throws {
        let receiver = WebhookReceiverDouble(failures: failures)
        let harness = SandboxHarness(webhookTransport: InProcessTransport(handler: receiver))
        _ = await Self.register(harness, events: ["Completed Survey"])
        let form = try #require(await harness.call(.get, "/v1/forms").body["items"]?[0]?["uuid"]?.stringValue)
        await harness.call(.post, "/_sandbox/complete-survey", json: ["form_uuid": .string(form), "email": "x@example.com"])
        await harness.sandbox.waitForWebhookDeliveries()
        #expect(receiver.requests.count == attempts)
        #expect(harness.clock.sleeps == Array([1.0, 5, 30].prefix(attempts - 1)))
        let record = try #require(await harness.call(.get, "/_sandbox/deliveries").body[0])
        #expect(record["attempts"]?.intValue == attempts)
        #expect(record["delivered"]?.boolValue == delivered)
    }

    @Test func rejectsBadRegistrations() async {
        let harness = SandboxHarness(seed: .empty)
        #expect(await harness.call(.post, "/_sandbox/webhooks", json: ["url": "ftp://x"]).status == 400)
        #expect(await harness.call(.post, "/_sandbox/webhooks", json: ["url": "http://x", "events": ["Nope"]]).status == 400)
        let listed = await harness.call(.get, "/_sandbox/webhooks").body
        #expect(listed == [])
    }
}

import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

/// Webhook bodies shaped as Refiner's captured deliveries (reference §3.3).
@Suite struct WebhookPayloadTests {
    /// The demo forms and segments, no contacts, a receiver in-process, a "Completed Survey" webhook.
    struct Setup {
        let receiver = WebhookReceiverDouble()
        let harness: SandboxHarness

        init() async {
            harness = SandboxHarness(seed: .demo, contacts: 0, webhookTransport: InProcessTransport(handler: receiver))
            await harness.call(.post, "/_sandbox/webhooks", json: ["url": "http://receiver.test/hooks", "events": ["Completed Survey"]])
        }

        func uuid(of list: String, named name: String) async throws -> String {
            let items = await harness.call(.get, "/v1/\(list)").body["items"]?.arrayValue ?? []
            return try #require(items.first { $0["name"]?.stringValue == name }?["uuid"]?.stringValue)
        }

        /// Stores an NPS answer for `id` through the API and returns the delivered body.
        func complete(_ id: String, score: Int) async throws -> JSONValue {
            let form = try await uuid(of: "forms", named: "NPS — Product")
            let stored = await harness.call(.post, "/v1/responses", json: ["form_uuid": .string(form), "id": .string(id), "nps_score": .int(score)])
            #expect(stored.status == 200)
            await harness.sandbox.waitForWebhookDeliveries()
            return try #require(try receiver.requests.last?.jsonBody())
        }
    }

    static let computedKeys = [
        "email", "name", "first_seen_at", "last_seen_at", "form_submissions_count", "form_views_count",
        "last_form_submission_at", "last_form_view_at",
    ]

    @Test func attributesListEveryTraitOfTheEnvironmentAsText() async throws {
        let setup = await Setup()
        await setup.harness.call(.post, "/v1/identify-user", json: [
            "id": "user-1", "email": "ada@example.com", "name": "Ada Lovelace", "plan": "pro", "logins": 42, "newsletter": true,
        ])
        await setup.harness.call(.post, "/v1/identify-user", json: ["id": "user-2", "favourite_color": "teal"])
        setup.harness.clock.advance(seconds: 60)
        let payload = try await setup.complete("user-1", score: 9)
        let attributes = try #require(payload["attributes"]?.objectValue)
        let expectedKeys = Set(Self.computedKeys + ["plan", "logins", "newsletter", "favourite_color", "nps_score"])
        #expect(Set(attributes.keys) == expectedKeys)
        #expect(attributes.keys == attributes.keys.sorted(), "keys sorted, as Refiner sends them")
        #expect(attributes.allSatisfy { $0.value.stringValue != nil || $0.value.isNull }, "every value is text or null")
        #expect(attributes["plan"] == "pro")
        #expect(attributes["logins"] == "42")
        #expect(attributes["newsletter"] == "true")
        #expect(attributes["nps_score"] == "9")
        #expect(attributes["favourite_color"] == .null, "another contact's trait is listed, null")
        #expect(attributes["email"] == "ada@example.com")
        #expect(attributes["name"] == "Ada Lovelace")
        #expect(attributes["first_seen_at"] == "2026-01-01T00:00:00.000000Z")
        #expect(attributes["last_seen_at"] == "2026-01-01T00:01:00.000000Z")
        #expect(attributes["form_submissions_count"] == "1")
        #expect(attributes["form_views_count"] == "1")
        #expect(attributes["last_form_submission_at"] == "2026-01-01T00:01:00.000000Z")
        #expect(attributes["last_form_view_at"] == "2026-01-01T00:01:00.000000Z")
        #expect(payload["display_name"] == "Ada Lovelace")
        #expect(payload["response"]?["data"]?["nps_score"] == 9, "the response keeps the answer's type")
        #expect(payload["response"]?["show_counter"] == 1)
        let topKeys = payload.objectValue?.keys ?? []
        #expect(topKeys == [
            "uuid", "project_uuid", "remote_id", "email", "display_name", "first_seen_at", "last_seen_at", "attributes",
            "segments", "account", "triggered_event", "form", "response",
        ])
    }

    @Test func aContactWithoutNameOrAccountGetsAnEmptyAccountObject() async throws {
        let setup = await Setup()
        await setup.harness.call(.post, "/v1/identify-user", json: ["id": "grouped", "account": ["id": "acme", "name": "Acme", "seats": 12]])
        await setup.harness.call(.post, "/v1/identify-user", json: ["id": "alone", "email": "alone@example.com"])
        let payload = try await setup.complete("alone", score: 3)
        #expect(payload["display_name"] == "")
        #expect(payload["attributes"]?["name"] == .null)
        let account = try #require(payload["account"]?.objectValue)
        #expect(account["remote_id"] == .null)
        #expect(account["display_name"] == "")
        #expect(account["domain"] == .null)
        #expect(UUIDTests.isVersion1(account["uuid"]?.stringValue ?? ""))
        #expect(account["first_seen_at"] == payload["first_seen_at"])
        #expect(account["attributes"] == ["name": .null, "seats": .null], "every account trait of the environment, null")

        let grouped = try await setup.complete("grouped", score: 10)
        #expect(grouped["account"]?["remote_id"] == "acme")
        #expect(grouped["account"]?["display_name"] == "Acme")
        #expect(grouped["account"]?["attributes"] == ["name": "Acme", "seats": "12"])
    }

    /// `segments[].created_at`/`updated_at` are when the contact entered the segment (the captured
    /// deliveries show it), for data-driven and manual segments, in payloads and in the API.
    @Test func segmentDatesAreWhenTheContactEnteredThem() async throws {
        let setup = await Setup()
        let harness = setup.harness
        let pro = try await setup.uuid(of: "segments", named: "Pro plan")
        let vip = try await setup.uuid(of: "segments", named: "VIP")
        await harness.call(.post, "/v1/identify-user", json: ["id": "user-1", "plan": "free"])
        harness.clock.advance(seconds: 3600)
        await harness.call(.post, "/v1/identify-user", json: ["id": "user-1", "plan": "pro"])
        harness.clock.advance(seconds: 3600)
        await harness.call(.post, "/v1/sync-segment", json: ["segment_uuid": .string(vip), "id": "user-1"])
        harness.clock.advance(seconds: 3600)
        let payload = try await setup.complete("user-1", score: 8)
        let entries = Dictionary(uniqueKeysWithValues: (payload["segments"]?.arrayValue ?? []).map { ($0["uuid"]?.stringValue ?? "", $0) })
        #expect(Set(entries.keys) == [pro, vip])
        #expect(entries[pro]?["created_at"] == "2026-01-01T01:00:00.000000Z")
        #expect(entries[pro]?["updated_at"] == "2026-01-01T01:00:00.000000Z")
        #expect(entries[vip]?["created_at"] == "2026-01-01T02:00:00.000000Z")

        await harness.call(.post, "/v1/identify-user", json: ["id": "user-1", "plan": "free"])
        harness.clock.advance(seconds: 3600)
        await harness.call(.post, "/v1/identify-user", json: ["id": "user-1", "plan": "pro"])
        let contact = await harness.call(.get, "/v1/contact", query: [("id", "user-1")]).body
        let again = (contact["segments"]?.arrayValue ?? []).first { $0["uuid"]?.stringValue == pro }
        #expect(again?["created_at"] == "2026-01-01T04:00:00.000000Z", "leaving and matching again is a new entry")
    }
}

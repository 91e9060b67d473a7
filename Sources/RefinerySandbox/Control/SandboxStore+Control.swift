import Foundation
import RefineryJSON

extension SandboxStore {
    mutating func registerWebhook(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let url = try parameters.requiredString("url")
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw .validation("The url field must be an http(s) URL") }
        let events = try parameters.stringList("events")
        for event in events where !WebhookSubscription.allEvents.contains(event) {
            throw .validation("Unknown event '\(event)': use \(WebhookSubscription.allEvents.map { "'\($0)'" }.joined(separator: " or "))")
        }
        let subscription = WebhookSubscription(
            uuid: random.dataUUID(), url: url, events: events.isEmpty ? WebhookSubscription.allEvents : events,
            secret: try parameters.string("secret"), segmentUUIDs: try parameters.stringList("segment_uuids")
        )
        webhooks.append(subscription)
        return subscription.json
    }

    mutating func removeWebhook(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let uuid = try parameters.requiredString("uuid")
        guard webhooks.contains(where: { $0.uuid == uuid }) else { throw .notFound("Webhook not found") }
        webhooks.removeAll { $0.uuid == uuid }
        return ["message": "ok"]
    }

    /// A contact completes a survey: `form_uuid`, the contact (`id`, `email` or `uuid`), and the
    /// answers in `data` (or flat). Creates the response and fires "Completed Survey".
    mutating func completeSurvey(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let formSeq = try formSeq(parameters)
        var data = try parameters.object("data") ?? [:]
        for (key, value) in parameters.values where !Self.responseReservedKeys.contains(key) { data[key] = value }
        if data.isEmpty { data = SeedVocabulary.answers(for: forms[formSeq].questions, random: &random) }
        let contactSeq = try respondent(parameters, now: now)
        let seq = recordCompletion(formSeq: formSeq, contactSeq: contactSeq, data: data, at: now, receivedAt: now)
        return responseJSON(responses[seq]!, withAttributes: true)
    }

    /// Everything, for tests and demos.
    func stateJSON() -> JSONValue {
        [
            "project": ["uuid": .string(projectUUID), "name": .string(projectName)],
            "contacts": .array(contactOrder.entries.compactMap { contacts[$0.seq].map { contactJSON($0) } }),
            "forms": .array(forms.map { formJSON($0, info: true, config: true) }),
            "segments": .array(segments.map { segment in
                ["uuid": .string(segment.uuid), "name": .string(segment.name), "is_manual": .bool(segment.isManual)]
            }),
            "responses": .array(responseOrder.entries.compactMap { responses[$0.seq].map { responseJSON($0, withAttributes: false) } }),
            "tags": .object(JSONObject(tagUUIDByName.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            "events": .array(trackedEvents.map { tracked in
                [
                    "event": .string(tracked.event), "contact_uuid": contacts[tracked.contactSeq].map { .string($0.uuid) } ?? .null,
                    "remote_id": contacts[tracked.contactSeq]?.remoteId.map(JSONValue.string) ?? .null,
                    "created_at": .string(Timestamp.format(tracked.at)),
                ]
            }),
            "webhooks": .array(webhooks.map(\.json)),
            "deliveries": .array(deliveries.map(\.json)),
            "usage": account(now: Date(timeIntervalSince1970: 0))["subscription"] ?? .null,
        ]
    }
}

import Foundation
import RefineryJSON

/// A webhook registered through `/_sandbox/webhooks`: where to POST, which events, the secret sent
/// as `Authorization: Bearer <secret>`.
struct WebhookSubscription: Sendable {
    static let completedSurvey = "Completed Survey"
    static let enteredSegment = "Entered Segment"
    static let allEvents = [completedSurvey, enteredSegment]

    var uuid: String
    var url: String
    var events: [String]
    var secret: String?
    /// For "Entered Segment": only these segment uuids; empty means every manual segment.
    var segmentUUIDs: [String]

    /// The secret never leaves the sandbox: state shows only whether there is one.
    var json: JSONValue {
        [
            "uuid": .string(uuid), "url": .string(url), "events": .array(events.map(JSONValue.string)),
            "has_secret": .bool(secret != nil), "segment_uuids": .array(segmentUUIDs.map(JSONValue.string)),
        ]
    }
}

/// Something that happened that subscribers may want: the event name, the payload, and for
/// segment entries the segment.
struct WebhookEvent: Sendable {
    var name: String
    var payload: JSONValue
    var segmentUUID: String?
}

/// One delivery of one event to one subscriber, as `/_sandbox/deliveries` reports it (never the
/// secret, never the body).
struct DeliveryRecord: Sendable {
    var uuid: String
    var webhookUUID: String
    var url: String
    var event: String
    var triggeredAt: Date
    var attempts: Int
    var lastAttemptAt: Date?
    var lastStatus: Int?
    var delivered: Bool
    var lastError: String?

    var json: JSONValue {
        var object = JSONObject(minimumCapacity: 10)
        object.appendUnchecked("uuid", .string(uuid))
        object.appendUnchecked("webhook_uuid", .string(webhookUUID))
        object.appendUnchecked("url", .string(url))
        object.appendUnchecked("event", .string(event))
        object.appendUnchecked("triggered_at", SandboxStore.time(triggeredAt))
        object.appendUnchecked("attempts", .int(attempts))
        object.appendUnchecked("last_attempt_at", SandboxStore.time(lastAttemptAt))
        object.appendUnchecked("last_status", lastStatus.map(JSONValue.int) ?? .null)
        object.appendUnchecked("delivered", .bool(delivered))
        object.appendUnchecked("last_error", lastError.map(JSONValue.string) ?? .null)
        return .object(object)
    }
}

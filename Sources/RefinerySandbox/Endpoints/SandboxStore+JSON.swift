import Foundation
import RefineryJSON

/// How the store's records look on the wire.
extension SandboxStore {
    static func time(_ date: Date?) -> JSONValue {
        date.map { .string(Timestamp.format($0)) } ?? .null
    }

    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// The Contact object of GET /contacts and /contact (webhook payloads have their own shape:
    /// `SandboxStore+Payload.swift`).
    func contactJSON(_ contact: Contact) -> JSONValue {
        var object = JSONObject(minimumCapacity: 9)
        object.appendUnchecked("uuid", .string(contact.uuid))
        object.appendUnchecked("remote_id", Self.optional(contact.remoteId))
        object.appendUnchecked("email", Self.optional(contact.email))
        object.appendUnchecked("display_name", Self.optional(contact.displayName))
        object.appendUnchecked("first_seen_at", Self.time(contact.firstSeenAt))
        object.appendUnchecked("last_seen_at", Self.time(contact.lastSeenAt))
        object.appendUnchecked("attributes", .object(contact.attributes))
        object.appendUnchecked("segments", segmentEntriesJSON(contact))
        object.appendUnchecked("account", contact.accountSeq.map { accountJSON(accounts[$0], full: true) } ?? .null)
        return .object(object)
    }

    /// The contact's segments; `created_at` and `updated_at` are when the contact entered each one
    /// (Refiner's deliveries show the entry time, not the segment's own dates).
    func segmentEntriesJSON(_ contact: Contact) -> JSONValue {
        .array(segmentSeqs(of: contact).map { seq in
            let entered = Self.time(contact.segmentEnteredAt[seq] ?? contact.firstSeenAt)
            return ["uuid": .string(segments[seq].uuid), "name": .string(segments[seq].name), "created_at": entered, "updated_at": entered]
        })
    }

    func accountJSON(_ account: Account, full: Bool) -> JSONValue {
        var object: JSONObject = [
            "uuid": .string(account.uuid), "remote_id": .string(account.remoteId),
            "display_name": Self.optional(account.displayName), "domain": Self.optional(account.domain),
        ]
        if full {
            object.appendUnchecked("first_seen_at", Self.time(account.firstSeenAt))
            object.appendUnchecked("last_seen_at", Self.time(account.lastSeenAt))
            object.appendUnchecked("attributes", .object(account.attributes))
        }
        return .object(object)
    }

    /// The fields every response object has (webhook `response` adds nothing else).
    func responseCore(_ response: SurveyResponse) -> JSONValue {
        var object = JSONObject(minimumCapacity: 12)
        object.appendUnchecked("uuid", .string(response.uuid))
        object.appendUnchecked("first_shown_at", Self.time(response.firstShownAt))
        object.appendUnchecked("last_shown_at", Self.time(response.lastShownAt))
        object.appendUnchecked("show_counter", response.showCounter.map(JSONValue.int) ?? .null)
        object.appendUnchecked("first_data_reception_at", Self.time(response.firstDataReceptionAt))
        object.appendUnchecked("last_data_reception_at", Self.time(response.lastDataReceptionAt))
        object.appendUnchecked("completed_at", Self.time(response.completedAt))
        object.appendUnchecked("dismissed_at", Self.time(response.dismissedAt))
        object.appendUnchecked("received_at", Self.time(response.receivedAt))
        object.appendUnchecked("data", .object(response.data))
        object.appendUnchecked("tags", .array(response.tags.map(JSONValue.string)))
        return .object(object)
    }

    /// The Response object of GET /responses: the core, the form, and the contact (with its
    /// attributes when `withAttributes`).
    func responseJSON(_ response: SurveyResponse, withAttributes: Bool) -> JSONValue {
        var object = responseCore(response).objectValue ?? [:]
        let form = forms[response.formSeq]
        object.appendUnchecked("form", ["uuid": .string(form.uuid), "name": .string(form.name)])
        if let contact = contacts[response.contactSeq] {
            var embedded: JSONObject = [
                "uuid": .string(contact.uuid), "remote_id": Self.optional(contact.remoteId),
                "email": Self.optional(contact.email), "display_name": Self.optional(contact.displayName),
                "account": contact.accountSeq.map { accountJSON(accounts[$0], full: false) } ?? .null,
            ]
            if withAttributes { embedded.appendUnchecked("attributes", .object(contact.attributes)) }
            object.appendUnchecked("contact", .object(embedded))
        }
        return .object(object)
    }
}

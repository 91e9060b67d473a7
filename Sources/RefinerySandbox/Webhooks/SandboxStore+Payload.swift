import Foundation
import RefineryJSON

/// The body of a webhook delivery, shaped as Refiner's captured deliveries (reference §3.3): every
/// trait key of the environment in `attributes` (null where the contact has none) plus the computed
/// keys, values as strings; `account` always an object; `display_name` `""` without a name.
extension SandboxStore {
    /// Keys Refiner computes for every contact and lists among its attributes.
    static let computedAttributeKeys = [
        "email", "name", "first_seen_at", "last_seen_at", "form_submissions_count", "form_views_count",
        "last_form_submission_at", "last_form_view_at",
    ]

    /// The payload Refiner POSTs: the contact at the top level, plus `project_uuid`,
    /// `triggered_event` and, for survey events, `form` and `response`.
    func webhookPayload(contact: Contact, event: String, response: SurveyResponse? = nil) -> JSONValue {
        var payload = JSONObject(minimumCapacity: 13)
        payload.appendUnchecked("uuid", .string(contact.uuid))
        payload.appendUnchecked("project_uuid", .string(projectUUID))
        payload.appendUnchecked("remote_id", Self.optional(contact.remoteId))
        payload.appendUnchecked("email", Self.optional(contact.email))
        payload.appendUnchecked("display_name", .string(contact.displayName ?? ""))
        payload.appendUnchecked("first_seen_at", Self.time(contact.firstSeenAt))
        payload.appendUnchecked("last_seen_at", Self.time(contact.lastSeenAt))
        payload.appendUnchecked("attributes", .object(webhookAttributes(contact)))
        payload.appendUnchecked("segments", segmentEntriesJSON(contact))
        payload.appendUnchecked("account", webhookAccount(contact))
        payload.appendUnchecked("triggered_event", .string(event))
        if let response {
            let form = forms[response.formSeq]
            payload.appendUnchecked("form", ["uuid": .string(form.uuid), "name": .string(form.name)])
            payload.appendUnchecked("response", responseCore(response))
        }
        return .object(payload)
    }

    /// Every trait name of the environment and the computed keys, sorted as Refiner sorts them.
    func webhookAttributes(_ contact: Contact) -> JSONObject {
        let interactions = (responsesByContact[contact.seq] ?? []).compactMap { responses[$0] }
        let computed: [String: JSONValue] = [
            "email": Self.optional(contact.email),
            "name": Self.optional(contact.displayName),
            "first_seen_at": Self.time(contact.firstSeenAt),
            "last_seen_at": Self.time(contact.lastSeenAt),
            "form_submissions_count": .string(String(interactions.filter(\.isCompleted).count)),
            "form_views_count": .string(String(interactions.count)),
            "last_form_submission_at": Self.time(contact.lastFormSubmissionAt),
            "last_form_view_at": Self.time(interactions.map(\.lastShownAt).max()),
        ]
        let keys = traitNames.union(contact.attributes.keys).union(Self.computedAttributeKeys).sorted()
        return JSONObject(keys.map { key in (key, computed[key] ?? Self.deliveredText(contact.attributes[key])) })
    }

    /// The contact's account, or (without one) the empty account Refiner sends: a uuid, no
    /// `remote_id`, `display_name` `""`, every account trait null.
    func webhookAccount(_ contact: Contact) -> JSONValue {
        let account = contact.accountSeq.map { accounts[$0] }
        let keys = accountTraitNames.union(["name"]).sorted()
        let attributes = JSONObject(keys.map { key in
            (key, key == "name" ? Self.optional(account?.displayName) : Self.deliveredText(account?.attributes[key]))
        })
        var object = JSONObject(minimumCapacity: 7)
        object.appendUnchecked("uuid", .string(account?.uuid ?? placeholderAccountUUID(contact)))
        object.appendUnchecked("remote_id", Self.optional(account?.remoteId))
        object.appendUnchecked("domain", Self.optional(account?.domain))
        object.appendUnchecked("display_name", .string(account?.displayName ?? ""))
        object.appendUnchecked("first_seen_at", Self.time(account?.firstSeenAt ?? contact.firstSeenAt))
        object.appendUnchecked("last_seen_at", Self.time(account?.lastSeenAt ?? contact.lastSeenAt))
        object.appendUnchecked("attributes", .object(attributes))
        return .object(object)
    }

    /// A stable uuid for the empty account of a contact without one (derived from the contact, so
    /// building a payload draws nothing from the store's generator).
    func placeholderAccountUUID(_ contact: Contact) -> String {
        var generator = SeededGenerator(seed: UInt64(contact.seq) &* 0x9E37_79B9_7F4A_7C15 ^ 0xACC0_0000_0000_0000)
        return generator.dataUUID()
    }

    /// A trait value as deliveries carry it: text (numbers and booleans in their JSON spelling), null
    /// when unset.
    static func deliveredText(_ value: JSONValue?) -> JSONValue {
        switch value {
        case nil, .null?: return .null
        case .string?: return value!
        case let other?: return .string(other.serialized())
        }
    }
}

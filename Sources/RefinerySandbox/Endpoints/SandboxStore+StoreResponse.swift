import Foundation
import RefineryJSON

/// POST /responses, POST /responses/tags, and completing a survey from /_sandbox.
extension SandboxStore {
    static let responseReservedKeys: Set<String> = [
        "id", "email", "uuid", "form_uuid", "date", "prevent_duplicates", "tags", "account", "api_key", "data", "responseData",
    ]
    static let maxTags = 20

    mutating func storeResponse(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let formSeq = try formSeq(parameters)
        var data = try parameters.object("data") ?? [:]
        if let nested = try parameters.object("responseData") { data = nested }
        for (key, value) in parameters.values where !Self.responseReservedKeys.contains(key) { data[key] = value }
        guard !data.isEmpty else { throw .validation("The response has no answers: send question identifiers as keys") }
        let date = try ResponseFilter.date(parameters, "date") ?? now
        let tags = try parameters.stringList("tags")
        guard tags.count <= Self.maxTags else { throw .validation("A response can have at most 20 tags") }
        let contactSeq = try respondent(parameters, now: now)
        if try parameters.bool("prevent_duplicates", default: true), let duplicate = duplicateResponse(formSeq, contactSeq, data) {
            return ["message": "ok", "uuid": .string(duplicate)]
        }
        if let account = try parameters.object("account") { try attach(account: account, to: contactSeq, now: now) }
        let seq = recordCompletion(formSeq: formSeq, contactSeq: contactSeq, data: data, at: date, tags: tags, receivedAt: now)
        return ["message": "ok", "uuid": .string(responses[seq]!.uuid)]
    }

    mutating func tagResponse(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let uuid = try parameters.requiredString("uuid")
        let tags = try parameters.stringList("tags")
        guard !tags.isEmpty else { throw .validation("The tags field is required") }
        guard let seq = responseByUUID[uuid], var response = responses[seq] else { throw .notFound("Response not found") }
        for tag in tags where !response.tags.contains(tag) { response.tags.append(tag) }
        guard response.tags.count <= Self.maxTags else { throw .validation("A response can have at most 20 tags") }
        for tag in tags { _ = tagUUID(tag) }
        responses[seq] = response
        return ["message": "ok"]
    }

    func formSeq(_ parameters: SandboxParameters) throws(SandboxError) -> Int {
        let uuid = try parameters.requiredString("form_uuid")
        guard let seq = formByUUID[uuid] else { throw .notFound("Form not found") }
        return seq
    }

    /// The contact a response belongs to: by `uuid` (must exist), else `id`/`email` (created if new).
    mutating func respondent(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> Int {
        if !parameters.has("id"), !parameters.has("email"), let uuid = try parameters.string("uuid") {
            guard let seq = contactByUUID[uuid] else { throw .notFound("Contact not found") }
            return seq
        }
        return try upsertContact(parameters, now: now)
    }

    func duplicateResponse(_ formSeq: Int, _ contactSeq: Int, _ data: JSONObject) -> String? {
        (responsesByContact[contactSeq] ?? []).lazy.compactMap { responses[$0] }
            .first { $0.formSeq == formSeq && $0.data == data }?.uuid
    }

    /// Stores a completed response, copies the answers into the contact's traits, and queues the
    /// "Completed Survey" webhook.
    @discardableResult
    mutating func recordCompletion(
        formSeq: Int, contactSeq: Int, data: JSONObject, at date: Date, tags: [String] = [], receivedAt: Date? = nil
    ) -> Int {
        let seq = insertResponse { seq, uuid in
            SurveyResponse(
                seq: seq, uuid: uuid, formSeq: formSeq, contactSeq: contactSeq, firstShownAt: date, lastShownAt: date,
                showCounter: 1, firstDataReceptionAt: date, lastDataReceptionAt: date, completedAt: date,
                dismissedAt: nil, receivedAt: receivedAt ?? date, data: data, tags: tags
            )
        }
        for tag in tags { _ = tagUUID(tag) }
        applyTraits(data.map { ($0.key, Optional($0.value)) }, to: contactSeq, at: date)
        updateContact(contactSeq) { contact in
            contact.lastFormSubmissionAt = max(contact.lastFormSubmissionAt ?? date, date)
            contact.lastSeenAt = max(contact.lastSeenAt, date)
        }
        if !webhooks.isEmpty, let contact = contacts[contactSeq], let response = responses[seq] {
            let payload = webhookPayload(contact: contact, event: WebhookSubscription.completedSurvey, response: response)
            outbox.append(WebhookEvent(name: WebhookSubscription.completedSurvey, payload: payload))
        }
        return seq
    }
}

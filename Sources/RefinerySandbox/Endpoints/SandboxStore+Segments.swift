import Foundation
import RefineryJSON

/// GET /segments (ordered by name) and POST/DELETE /sync-segment (manual segments only).
extension SandboxStore {
    func listSegments(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let request = try PageRequest(parameters, order: "segments")
        let ordered = segments.sorted { ($0.name, $0.seq) < ($1.name, $1.seq) }.map(\.seq)
        let (seqs, pagination) = Self.nameOrderedPage(ordered, order: "segments", request: request)
        let items = seqs.map { seq -> JSONValue in
            let segment = segments[seq]
            return ["uuid": .string(segment.uuid), "name": .string(segment.name), "is_manual": .bool(segment.isManual)]
        }
        return Paginator.envelope(items: items, pagination: pagination)
    }

    /// Adds the contact (created when unknown) to a manual segment; entering it queues the
    /// "Entered Segment" webhook.
    mutating func addToSegment(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let segmentSeq = try manualSegment(parameters)
        let contactSeq = try upsertContact(parameters, now: now)
        if enter(manualSegment: segmentSeq, contact: contactSeq, at: now) {
            if !webhooks.isEmpty, let contact = contacts[contactSeq] {
                let payload = webhookPayload(contact: contact, event: WebhookSubscription.enteredSegment)
                outbox.append(WebhookEvent(name: WebhookSubscription.enteredSegment, payload: payload, segmentUUID: segments[segmentSeq].uuid))
            }
        }
        return ["message": "ok", "contact_uuid": .string(contacts[contactSeq]!.uuid), "segment_uuid": .string(segments[segmentSeq].uuid)]
    }

    mutating func removeFromSegment(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let segmentSeq = try manualSegment(parameters)
        let contact = try findContact(parameters)
        updateContact(contact.seq) { contact in
            contact.manualSegments.removeAll { $0 == segmentSeq }
            contact.segmentEnteredAt[segmentSeq] = nil
        }
        return ["message": "ok"]
    }

    func manualSegment(_ parameters: SandboxParameters) throws(SandboxError) -> Int {
        let uuid = try parameters.requiredString("segment_uuid")
        guard let seq = segmentByUUID[uuid] else { throw .notFound("Segment not found") }
        guard segments[seq].isManual else {
            throw .validation("Only manual segments can be synced; this segment is data-driven")
        }
        return seq
    }

    @discardableResult
    mutating func insertSegment(name: String, rule: SegmentRule?, at date: Date) -> Int {
        let seq = segments.count
        segments.append(Segment(seq: seq, uuid: random.dataUUID(), name: name, rule: rule, createdAt: date, updatedAt: date))
        segmentByUUID[segments[seq].uuid] = seq
        return seq
    }
}

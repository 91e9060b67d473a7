import Foundation
import RefineryJSON

/// Everything the sandbox knows, with the indexes lookups and lists need. A value type guarded by the
/// sandbox's mutex; every endpoint is a method in an extension (`SandboxStore+Contacts.swift`, ...).
struct SandboxStore: Sendable {
    var projectUUID: String
    var projectName = "Sandbox"
    var random: SeededGenerator

    var contacts: [Contact?] = []
    var contactByUUID: [String: Int] = [:]
    var contactByRemoteId: [String: Int] = [:]
    var contactByEmail: [String: Int] = [:]
    /// Live contacts by first_seen_at.
    var contactOrder = OrderedIndex()

    var accounts: [Account] = []
    var accountByRemoteId: [String: Int] = [:]

    var forms: [Form] = []
    var formByUUID: [String: Int] = [:]
    var segments: [Segment] = []
    var segmentByUUID: [String: Int] = [:]

    var responses: [SurveyResponse?] = []
    var responseByUUID: [String: Int] = [:]
    var responsesByContact: [Int: [Int]] = [:]
    /// Live responses by `sortDate`.
    var responseOrder = OrderedIndex()

    var tagUUIDByName: [String: String] = [:]
    var traitNames: Set<String> = []
    /// Every account trait name seen (what webhook payloads list, mostly null, for each account).
    var accountTraitNames: Set<String> = []
    var usage = Usage()
    var webhooks: [WebhookSubscription] = []
    var deliveries: [DeliveryRecord] = []
    /// Webhook events of the request being handled.
    var outbox: [WebhookEvent] = []

    /// Every tracked event, in order (only `/_sandbox/state` shows them: Refiner's API has no list).
    var trackedEvents: [TrackedEvent] = []

    struct TrackedEvent: Sendable {
        var event: String
        var contactSeq: Int
        var at: Date
    }

    /// Bumped by every change to contacts, so cached sorts know when to rebuild.
    var contactsVersion = 0
    var sortCache: [String: (version: Int, index: OrderedIndex)] = [:]

    static let maxTraits = 1000

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
        projectUUID = random.dataUUID()
    }

    /// Monthly usage counters reported by GET /account.
    struct Usage: Sendable {
        var trackedUsers = 0
        var trackedEvents = 0
        var pageViews = 0
        var surveyResponses = 0
        var apiRequests = 0
    }

    var liveContactCount: Int { contactOrder.count }

    func contact(_ seq: Int) -> Contact? {
        contacts[seq]
    }

    /// Adds a contact and indexes it; returns its seq.
    @discardableResult
    mutating func insertContact(remoteId: String?, email: String?, at date: Date, attributes: JSONObject = [:]) -> Int {
        let seq = contacts.count
        let contact = Contact(
            seq: seq, uuid: random.dataUUID(), remoteId: remoteId, email: email, attributes: attributes,
            accountSeq: nil, manualSegments: [], firstSeenAt: date, lastSeenAt: date
        )
        contacts.append(contact)
        contactByUUID[contact.uuid] = seq
        if let remoteId { contactByRemoteId[remoteId] = seq }
        if let email, contactByEmail[email] == nil { contactByEmail[email] = seq }
        contactOrder.insert(.init(key: date.timeIntervalSince1970, seq: seq))
        usage.trackedUsers += 1
        contactsVersion += 1
        refreshSegmentEntries(of: seq, at: date)
        return seq
    }

    mutating func removeContact(_ seq: Int) {
        guard let contact = contacts[seq] else { return }
        contacts[seq] = nil
        contactByUUID[contact.uuid] = nil
        if let remoteId = contact.remoteId { contactByRemoteId[remoteId] = nil }
        if let email = contact.email, contactByEmail[email] == seq { contactByEmail[email] = nil }
        contactOrder.remove(.init(key: contact.firstSeenAt.timeIntervalSince1970, seq: seq))
        for responseSeq in responsesByContact[seq] ?? [] { removeResponse(responseSeq) }
        responsesByContact[seq] = nil
        contactsVersion += 1
    }

    mutating func updateContact(_ seq: Int, _ change: (inout Contact) -> Void) {
        guard contacts[seq] != nil else { return }
        change(&contacts[seq]!)
        contactsVersion += 1
    }

    @discardableResult
    mutating func insertResponse(_ make: (_ seq: Int, _ uuid: String) -> SurveyResponse) -> Int {
        let seq = responses.count
        let response = make(seq, random.dataUUID())
        responses.append(response)
        responseByUUID[response.uuid] = seq
        responsesByContact[response.contactSeq, default: []].append(seq)
        responseOrder.insert(.init(key: response.sortDate.timeIntervalSince1970, seq: seq))
        if response.hasData { usage.surveyResponses += 1 }
        usage.pageViews += 1
        return seq
    }

    mutating func removeResponse(_ seq: Int) {
        guard let response = responses[seq] else { return }
        responses[seq] = nil
        responseByUUID[response.uuid] = nil
        responseOrder.remove(.init(key: response.sortDate.timeIntervalSince1970, seq: seq))
    }

    /// The uuid of tag `name`, created on first use.
    mutating func tagUUID(_ name: String) -> String {
        if let existing = tagUUIDByName[name] { return existing }
        let uuid = random.dataUUID()
        tagUUIDByName[name] = uuid
        return uuid
    }

    /// Segments (manual and data-driven) the contact is in, by position.
    func segmentSeqs(of contact: Contact) -> [Int] {
        segments.indices.filter { index in
            guard let rule = segments[index].rule else { return contact.manualSegments.contains(index) }
            return contact.attributes[rule.attribute].map(Self.text) == rule.value
        }
    }

    /// Records when the contact started (or stopped) matching each data-driven segment.
    mutating func refreshSegmentEntries(of seq: Int, at date: Date) {
        guard let contact = contacts[seq] else { return }
        for segment in segments {
            guard let rule = segment.rule else { continue }
            let matches = contact.attributes[rule.attribute].map(Self.text) == rule.value
            let entered = contact.segmentEnteredAt[segment.seq] != nil
            if matches != entered { contacts[seq]!.segmentEnteredAt[segment.seq] = matches ? date : nil }
        }
    }

    /// Adds the contact to a manual segment at `date`; false when it already was in it.
    @discardableResult
    mutating func enter(manualSegment segmentSeq: Int, contact seq: Int, at date: Date) -> Bool {
        guard let contact = contacts[seq], !contact.manualSegments.contains(segmentSeq) else { return false }
        updateContact(seq) { contact in
            contact.manualSegments.append(segmentSeq)
            contact.segmentEnteredAt[segmentSeq] = date
        }
        return true
    }

    /// A scalar as the text filters compare: strings as they are, numbers and booleans as JSON.
    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized()
    }
}

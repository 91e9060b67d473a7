import Foundation
import RefineryJSON

/// GET /contacts, GET /contact, DELETE /contact.
extension SandboxStore {
    static let contactOrders = ["first_seen_at", "last_seen_at", "last_form_submission_at"]

    mutating func listContacts(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let order = try parameters.string("order_by") ?? "first_seen_at"
        guard Self.contactOrders.contains(order) else {
            throw .validation("The order_by field must be one of: \(Self.contactOrders.joined(separator: ", "))")
        }
        let request = try PageRequest(parameters, order: "contacts." + order)
        let matches = try contactFilter(parameters)
        let paginator = Paginator(index: contactIndex(order), order: "contacts." + order, matches: matches)
        let (seqs, pagination) = paginator.page(request)
        let items = seqs.compactMap { contacts[$0].map { contactJSON($0) } }
        return Paginator.envelope(items: items, pagination: pagination)
    }

    func contactFilter(_ parameters: SandboxParameters) throws(SandboxError) -> ((Int) -> Bool)? {
        var tests: [(Contact) -> Bool] = []
        if let formUUID = try parameters.string("form_uuid") {
            guard let formSeq = formByUUID[formUUID] else { throw .notFound("Form not found") }
            let responders = Set(responses.lazy.compactMap { $0 }.filter { $0.formSeq == formSeq && $0.hasData }.map(\.contactSeq))
            tests.append { responders.contains($0.seq) }
        }
        if let segmentUUID = try parameters.string("segment_uuid") {
            guard let segmentSeq = segmentByUUID[segmentUUID] else { throw .notFound("Segment not found") }
            tests.append { [self] in segmentSeqs(of: $0).contains(segmentSeq) }
        }
        if let search = try parameters.string("search") {
            tests.append { $0.matches(search: search) }
        }
        guard !tests.isEmpty else { return nil }
        let contacts = contacts
        return { seq in contacts[seq].map { contact in tests.allSatisfy { $0(contact) } } ?? false }
    }

    /// Contacts newest first by `order`; the default order is kept up to date, others are sorted
    /// on demand and cached until contacts change.
    mutating func contactIndex(_ order: String) -> OrderedIndex {
        guard order != "first_seen_at" else { return contactOrder }
        if let cached = sortCache[order], cached.version == contactsVersion { return cached.index }
        let entries = contactOrder.entries.compactMap { entry -> OrderedIndex.Entry? in
            guard let contact = contacts[entry.seq] else { return nil }
            let date = order == "last_seen_at" ? contact.lastSeenAt : contact.lastFormSubmissionAt
            return .init(key: date?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, seq: entry.seq)
        }
        let index = OrderedIndex(unsorted: entries)
        sortCache[order] = (contactsVersion, index)
        return index
    }

    func getContact(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        contactJSON(try findContact(parameters))
    }

    mutating func deleteContact(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        removeContact(try findContact(parameters).seq)
        return ["message": "ok"]
    }

    /// The contact named by `id`, `email` or `uuid` (checked in that order).
    func findContact(_ parameters: SandboxParameters) throws(SandboxError) -> Contact {
        let id = try parameters.string("id")
        let email = try parameters.string("email")
        let uuid = try parameters.string("uuid")
        guard id != nil || email != nil || uuid != nil else {
            throw .validation("One of the id, email or uuid fields is required")
        }
        let seq = id.flatMap { contactByRemoteId[$0] } ?? email.flatMap { contactByEmail[$0] } ?? uuid.flatMap { contactByUUID[$0] }
        guard let seq, let contact = contacts[seq] else { throw .notFound("Contact not found") }
        return contact
    }
}

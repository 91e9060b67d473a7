import Foundation
import RefineryJSON

/// GET /responses, newest first, with every filter.
extension SandboxStore {
    static let includes = ["completed", "partials", "all"]

    func listResponses(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let request = try PageRequest(parameters, order: "responses")
        let withAttributes = try parameters.bool("with_attributes", default: false)
        let filter = try ResponseFilter(parameters, store: self)
        let paginator = Paginator(index: responseOrder, order: "responses", matches: { [self] seq in
            responses[seq].map { filter.matches($0, in: self) } ?? false
        })
        let (seqs, pagination) = paginator.page(request)
        let items = seqs.compactMap { responses[$0].map { responseJSON($0, withAttributes: withAttributes) } }
        return Paginator.envelope(items: items, pagination: pagination)
    }
}

/// The filters GET /responses and GET /reporting share.
struct ResponseFilter {
    var formSeqs: Set<Int>?
    var segmentSeqs: [Int] = []
    var tagNames: Set<String>?
    var start: Date?
    var end: Date?
    var include = "completed"
    var search: String?
    var responseData: JSONObject = [:]
    var contactData: JSONObject = [:]
    var accountData: JSONObject = [:]

    init(_ parameters: SandboxParameters, store: SandboxStore, tagListName: String = "tag_uuid") throws(SandboxError) {
        let formUUIDs = try (parameters.string("form_uuid").map { [$0] } ?? []) + parameters.stringList("form_uuids")
        if !formUUIDs.isEmpty {
            formSeqs = Set(try formUUIDs.map { uuid throws(SandboxError) in
                guard let seq = store.formByUUID[uuid] else { throw .notFound("Form not found: '\(uuid)'") }
                return seq
            })
        }
        let segmentUUIDs = try (parameters.string("segment_uuid").map { [$0] } ?? []) + parameters.stringList("segment_uuids")
        segmentSeqs = try segmentUUIDs.map { uuid throws(SandboxError) in
            guard let seq = store.segmentByUUID[uuid] else { throw .notFound("Segment not found: '\(uuid)'") }
            return seq
        }
        let tagUUIDs = try (parameters.string("tag_uuid").map { [$0] } ?? []) + parameters.stringList("tag_uuids")
        if !tagUUIDs.isEmpty {
            let names = store.tagUUIDByName.filter { tagUUIDs.contains($0.value) }.map(\.key)
            tagNames = Set(names)
        }
        start = try Self.date(parameters, "date_range_start")
        end = try Self.date(parameters, "date_range_end")
        include = try parameters.string("include") ?? "completed"
        guard SandboxStore.includes.contains(include) else {
            throw .validation("The include field must be one of: completed, partials, all")
        }
        search = try parameters.string("search")
        responseData = try parameters.object("response_data") ?? [:]
        contactData = try parameters.object("contact_data") ?? [:]
        accountData = try parameters.object("account_data") ?? [:]
    }

    static func date(_ parameters: SandboxParameters, _ name: String) throws(SandboxError) -> Date? {
        guard let text = try parameters.string(name) else { return nil }
        guard let date = Timestamp.parse(text) else { throw .validation("The \(name) field must be an ISO 8601 date") }
        return date
    }

    func matches(_ response: SurveyResponse, in store: SandboxStore) -> Bool {
        switch include {
        case "completed": guard response.isCompleted else { return false }
        case "partials": guard response.hasData else { return false }
        default: break
        }
        let date = include == "all" ? response.lastShownAt : response.sortDate
        if let start, date < start { return false }
        if let end, date >= end { return false }
        if let formSeqs, !formSeqs.contains(response.formSeq) { return false }
        if let tagNames, !response.tags.contains(where: tagNames.contains) { return false }
        for (key, value) in responseData where response.data[key].map(SandboxStore.text) != SandboxStore.text(value) {
            return false
        }
        guard !segmentSeqs.isEmpty || search != nil || !contactData.isEmpty || !accountData.isEmpty else { return true }
        guard let contact = store.contacts[response.contactSeq] else { return false }
        return matchesContact(contact, response: response, in: store)
    }

    func matchesContact(_ contact: Contact, response: SurveyResponse, in store: SandboxStore) -> Bool {
        if !segmentSeqs.isEmpty {
            let member = store.segmentSeqs(of: contact)
            guard segmentSeqs.contains(where: member.contains) else { return false }
        }
        if let search, !contact.matches(search: search), response.uuid != search { return false }
        for (key, value) in contactData where contact.attributes[key].map(SandboxStore.text) != SandboxStore.text(value) {
            return false
        }
        guard !accountData.isEmpty else { return true }
        guard let accountSeq = contact.accountSeq else { return false }
        let account = store.accounts[accountSeq]
        return accountData.allSatisfy { key, value in account.attributes[key].map(SandboxStore.text) == SandboxStore.text(value) }
    }
}

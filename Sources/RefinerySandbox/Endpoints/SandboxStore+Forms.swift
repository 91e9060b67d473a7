import Foundation
import RefineryJSON

/// GET /forms (ordered by name), POST /forms/publish, POST /forms/duplicate, DELETE /forms (archives),
/// GET /forms/history.
extension SandboxStore {
    static let formLists = ["all", "published", "drafts", "archived", "all_with_archived"]

    func listForms(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let list = try parameters.string("list") ?? "all"
        guard Self.formLists.contains(list) else {
            throw .validation("The list field must be one of: \(Self.formLists.joined(separator: ", "))")
        }
        let includeInfo = try parameters.bool("include_info", default: false)
        let includeConfig = try parameters.bool("include_config", default: false)
        let request = try PageRequest(parameters, order: "forms", cursors: false)
        let selected = forms.filter { Self.form($0, isIn: list) }.sorted { ($0.name, $0.seq) < ($1.name, $1.seq) }
        let (seqs, pagination) = Self.nameOrderedPage(selected.map(\.seq), order: "forms", request: request)
        var envelope = pagination.objectValue ?? [:]
        envelope.removeValue(forKey: "next_page_cursor")
        let items = seqs.map { formJSON(forms[$0], info: includeInfo, config: includeConfig) }
        return Paginator.envelope(items: items, pagination: .object(envelope))
    }

    static func form(_ form: Form, isIn list: String) -> Bool {
        switch list {
        case "published": form.status == .published
        case "drafts": form.status == .draft
        case "archived": form.status == .archived
        case "all_with_archived": true
        default: form.status != .archived
        }
    }

    /// Pages through items already in display order (forms, segments by name).
    static func nameOrderedPage(_ seqs: [Int], order: String, request: PageRequest) -> ([Int], JSONValue) {
        let entries = seqs.enumerated().map { OrderedIndex.Entry(key: Double(seqs.count - $0.offset), seq: $0.element) }
        return Paginator(index: OrderedIndex(unsorted: entries), order: order).page(request)
    }

    func formJSON(_ form: Form, info: Bool, config: Bool) -> JSONValue {
        var object: JSONObject = ["uuid": .string(form.uuid), "name": .string(form.name)]
        if info {
            let interactions = responses.lazy.compactMap { $0 }.filter { $0.formSeq == form.seq }
            let shown = interactions.map(\.lastShownAt)
            object.appendUnchecked("channels", .array(form.channels.map(JSONValue.string)))
            object.appendUnchecked("published_at", Self.time(form.publishedAt))
            object.appendUnchecked("archived_at", Self.time(form.archivedAt))
            object.appendUnchecked("created_at", Self.time(form.createdAt))
            object.appendUnchecked("updated_at", Self.time(form.updatedAt))
            object.appendUnchecked("first_form_view_at", Self.time(shown.min()))
            object.appendUnchecked("last_form_view_at", Self.time(shown.max()))
            object.appendUnchecked("responses_count", .int(interactions.filter(\.isCompleted).count))
            object.appendUnchecked("views_count", .int(interactions.count))
            object.appendUnchecked("folder", .null)
            object.appendUnchecked("page_url", form.channels.contains("link") ? .string("https://sandbox.refiner.local/s/\(form.uuid)") : .null)
        }
        if config {
            let elements = form.questions.map { question -> JSONValue in
                ["identifier": .string(question.identifier), "type": .string(question.kind.rawValue)]
            }
            object.appendUnchecked("config", ["elements": .array(elements)])
        }
        return .object(object)
    }

    mutating func publishForm(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let seq = try formSeq(parameters)
        let published = try parameters.bool("published", default: true)
        snapshot(seq, action: published ? "published" : "unpublished", now: now)
        forms[seq].status = published ? .published : .draft
        forms[seq].publishedAt = published ? now : nil
        forms[seq].archivedAt = nil
        return ["message": published ? "Survey published" : "Survey unpublished"]
    }

    mutating func duplicateForm(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let source = try formSeq(parameters)
        let name = try parameters.requiredString("name")
        let copy = insertForm(name: name, status: .draft, questions: forms[source].questions, channels: forms[source].channels, at: now)
        return ["source_form_uuid": .string(forms[source].uuid), "new_form_uuid": .string(forms[copy].uuid)]
    }

    mutating func archiveForm(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let seq = try formSeq(parameters)
        snapshot(seq, action: "archived", now: now)
        forms[seq].status = .archived
        forms[seq].archivedAt = now
        return ["message": "Survey archived"]
    }

    func formHistory(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let seq = try formSeq(parameters)
        let request = try PageRequest(parameters, order: "history", cursors: false)
        let list = Array(forms[seq].history.reversed())
        let (positions, pagination) = Self.nameOrderedPage(Array(list.indices), order: "history", request: request)
        let items = positions.map { position -> JSONValue in
            let version = list[position]
            return ["uuid": .string(version.uuid), "action": .string(version.action), "snapshot": ["name": .string(version.name)], "created_at": Self.time(version.createdAt)]
        }
        return Paginator.envelope(items: items, pagination: pagination)
    }

    mutating func snapshot(_ seq: Int, action: String, now: Date) {
        forms[seq].history.append(FormVersion(uuid: random.dataUUID(), action: action, name: forms[seq].name, createdAt: now))
        forms[seq].updatedAt = now
    }

    @discardableResult
    mutating func insertForm(name: String, status: Form.Status, questions: [Question], channels: [String], at date: Date) -> Int {
        let seq = forms.count
        forms.append(Form(
            seq: seq, uuid: random.dataUUID(), name: name, status: status, questions: questions, channels: channels,
            createdAt: date, updatedAt: date, publishedAt: status == .published ? date : nil,
            archivedAt: status == .archived ? date : nil
        ))
        formByUUID[forms[seq].uuid] = seq
        return seq
    }
}

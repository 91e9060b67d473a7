import Foundation

/// The kind of answer a question collects; reporting types pick questions by kind.
enum QuestionKind: String, Sendable {
    case nps, csat, rating, text, select
}

struct Question: Sendable {
    var identifier: String
    var kind: QuestionKind
}

/// A survey. `status` drives the `list` filter of GET /forms.
struct Form: Sendable {
    enum Status: String, Sendable { case published, draft, archived }

    let seq: Int
    let uuid: String
    var name: String
    var status: Status
    var questions: [Question]
    var channels: [String]
    var createdAt: Date
    var updatedAt: Date
    var publishedAt: Date?
    var archivedAt: Date?
    var history: [FormVersion] = []
}

/// A previous version of a form (GET /forms/history).
struct FormVersion: Sendable {
    var uuid: String
    var action: String
    var name: String
    var createdAt: Date
}

/// A group of contacts: manual (members added through /sync-segment) or data-driven (a trait rule).
struct Segment: Sendable {
    let seq: Int
    let uuid: String
    var name: String
    /// nil for a manual segment.
    var rule: SegmentRule?
    var createdAt: Date
    var updatedAt: Date

    var isManual: Bool { rule == nil }
}

/// A data-driven segment's condition: the trait `attribute` equals `value` (compared as text).
struct SegmentRule: Sendable, Hashable {
    var attribute: String
    var value: String
}

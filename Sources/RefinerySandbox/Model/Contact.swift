import Foundation
import RefineryJSON

/// A person Refiner knows: identified by `remote_id` (your user id), `email`, or its Refiner `uuid`.
struct Contact: Sendable {
    /// Position in the store's contact table; never reused.
    let seq: Int
    let uuid: String
    var remoteId: String?
    var email: String?
    /// Traits (and survey answers, keyed by question identifier).
    var attributes: JSONObject
    var accountSeq: Int?
    /// Manual segments the contact was added to, by segment position.
    var manualSegments: [Int]
    /// When the contact entered each segment it is in (manual or data-driven), by segment position:
    /// what `segments[].created_at`/`updated_at` report, as Refiner's deliveries do.
    var segmentEnteredAt: [Int: Date] = [:]
    var firstSeenAt: Date
    var lastSeenAt: Date
    var lastFormSubmissionAt: Date?
    var eventsCount = 0

    var displayName: String? {
        attributes["name"]?.stringValue ?? attributes["display_name"]?.stringValue
    }

    /// Whether `search` matches the contact's email, user id, uuid or name (case-insensitive substring).
    func matches(search: String) -> Bool {
        let needle = search.lowercased()
        return [remoteId, email, displayName].contains { $0?.lowercased().contains(needle) == true } || uuid == search
    }
}

/// A company that groups contacts (`account` in identify-user).
struct Account: Sendable {
    let seq: Int
    let uuid: String
    var remoteId: String
    var displayName: String?
    var domain: String?
    var attributes: JSONObject
    var firstSeenAt: Date
    var lastSeenAt: Date
}

import Foundation
import RefineryJSON

/// One survey interaction of a contact with a form: a view, a dismissal, a partial or a completed response.
struct SurveyResponse: Sendable {
    let seq: Int
    let uuid: String
    let formSeq: Int
    let contactSeq: Int
    var firstShownAt: Date
    var lastShownAt: Date
    var showCounter: Int?
    var firstDataReceptionAt: Date?
    var lastDataReceptionAt: Date?
    var completedAt: Date?
    var dismissedAt: Date?
    var receivedAt: Date?
    var data: JSONObject
    var tags: [String]

    /// The date lists order and filter by: when data last arrived, or when it was shown (views).
    var sortDate: Date { lastDataReceptionAt ?? lastShownAt }

    var isCompleted: Bool { completedAt != nil }
    var hasData: Bool { lastDataReceptionAt != nil }
}

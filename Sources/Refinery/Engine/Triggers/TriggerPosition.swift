public import Foundation

/// Where a polling trigger is: the last id it emitted (`id` triggers), or the last date and the ids already
/// seen at exactly that date (`date` triggers).
public struct TriggerPosition: Sendable, Hashable {
    public var lastId: String?
    public var lastDate: Date?
    public var sameDateIds: [String]

    public init(lastId: String? = nil, lastDate: Date? = nil, sameDateIds: [String] = []) {
        self.lastId = lastId
        self.lastDate = lastDate
        self.sameDateIds = sameDateIds
    }
}

/// "Choose where to start": used when a trigger has no stored position yet.
public enum TriggerStart: Sendable, Hashable {
    /// Every item the API returns.
    case all
    /// Items dated at or after the date (`date` triggers; `id` triggers treat it as `all`).
    case since(Date)
    /// Only items that appear after this run: the first run records the newest item and emits nothing.
    case fromNow
}

import Foundation

/// Which trigger items are new, in what order they are emitted (oldest first), and where the position
/// moves once they are processed.
struct TriggerSelection {
    let type: TriggerSupport.KeyType
    let position: TriggerPosition?

    /// Whether the item comes after the position.
    func isNew(_ key: TriggerKey) -> Bool {
        guard let position else { return true }
        switch type {
        case .id:
            guard let lastId = position.lastId else { return true }
            return Self.idPrecedes(lastId, key.id)
        case .date:
            guard let lastDate = position.lastDate else { return true }
            guard let date = key.date else { return false }
            if date > lastDate { return true }
            return date == lastDate && !position.sameDateIds.contains(key.id)
        }
    }

    /// Whether the item is strictly before the position (a `desc` API can stop reading there).
    func isBeforePosition(_ key: TriggerKey) -> Bool {
        guard let position else { return false }
        switch type {
        case .id: return position.lastId.map { Self.idPrecedes(key.id, $0) || key.id == $0 } ?? false
        case .date: return position.lastDate.map { (key.date ?? .distantPast) < $0 } ?? false
        }
    }

    /// Oldest first: by date then id for `date` triggers, by id for `id` triggers.
    func sorted(_ items: [ModuleOutput]) -> [ModuleOutput] {
        items.sorted { lhs, rhs in
            guard let a = lhs.key, let b = rhs.key else { return false }
            if type == .date, a.date != b.date { return (a.date ?? .distantPast) < (b.date ?? .distantPast) }
            return Self.idPrecedes(a.id, b.id)
        }
    }

    /// The position after `processed` (in emission order) have been fully processed.
    func advanced(over processed: [TriggerKey]) -> TriggerPosition? {
        var current = position
        for key in processed { Self.advance(&current, past: key, type: type) }
        return current
    }

    /// Moves `position` past one more processed item, in place (amortized O(1)).
    static func advance(_ position: inout TriggerPosition?, past key: TriggerKey, type: TriggerSupport.KeyType) {
        switch type {
        case .id:
            position = TriggerPosition(lastId: key.id)
        case .date:
            guard let date = key.date else { return }
            if let previous = position?.lastDate, previous == date {
                position?.sameDateIds.append(key.id)
            } else if position?.lastDate.map({ date > $0 }) ?? true {
                position = TriggerPosition(lastDate: date, sameDateIds: [key.id])
            }
        }
    }

    /// Ids compare as integers when both are integers, otherwise as text.
    static func idPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        if let a = Int(lhs), let b = Int(rhs) { return a < b }
        if lhs.count != rhs.count, lhs.allSatisfy(\.isNumber), rhs.allSatisfy(\.isNumber) { return lhs.count < rhs.count }
        return lhs < rhs
    }
}

import RefineryJSON

extension Execution {
    func triggerKey(_ trigger: TriggerSpec) throws -> AppItemKey {
        let id = try evaluate(trigger.id)
        let date = try trigger.date.map { try TemplateText.string(evaluate($0)) }
        return AppItemKey(id: id, date: date)
    }

    /// Whether an item comes after the saved position: a larger numeric id, a later date, or the same
    /// date with an id not seen at that date.
    func isNew(_ key: AppItemKey, trigger: TriggerSpec) -> Bool {
        guard let position else { return true }
        switch trigger.kind {
        case .id:
            guard let lastId = position.lastId else { return true }
            if let id = key.id.doubleValue, let last = lastId.doubleValue { return id > last }
            return key.id != lastId
        case .date:
            guard let lastDate = position.lastDate, let date = key.date else { return true }
            let order = TriggerOrdering.compareDates(date, lastDate)
            if order != 0 { return order > 0 }
            return !position.idsAtLastDate.contains(key.id)
        }
    }
}

/// Sorting trigger items oldest first, whatever order the API used.
enum TriggerOrdering {
    static func oldestFirst(_ outputs: [AppOutput], kind: TriggerSpec.Kind) -> [AppOutput] {
        outputs.enumerated().sorted { lhs, rhs in
            let order = compare(lhs.element.triggerKey, rhs.element.triggerKey, kind: kind)
            return order == 0 ? lhs.offset > rhs.offset : order < 0
        }.map(\.element)
    }

    static func compare(_ lhs: AppItemKey?, _ rhs: AppItemKey?, kind: TriggerSpec.Kind) -> Int {
        guard let lhs, let rhs else { return 0 }
        if kind == .date, let left = lhs.date, let right = rhs.date {
            let order = compareDates(left, right)
            if order != 0 { return order }
        }
        if let left = lhs.id.doubleValue, let right = rhs.id.doubleValue { return left < right ? -1 : (left > right ? 1 : 0) }
        let left = lhs.id.description, right = rhs.id.description
        return left < right ? -1 : (left > right ? 1 : 0)
    }

    /// Compares ISO 8601 timestamps written in different styles (`2026-10-12T09:47:33.000000Z`,
    /// `2026-10-12 09:47:33`) by their numeric fields; both are taken to be in the same zone (UTC).
    static func compareDates(_ lhs: String, _ rhs: String) -> Int {
        var left = fields(lhs), right = fields(rhs)
        let length = max(left.count, right.count)
        left += Array(repeating: 0, count: length - left.count)
        right += Array(repeating: 0, count: length - right.count)
        for (a, b) in zip(left, right) where a != b { return a < b ? -1 : 1 }
        return 0
    }

    static func fields(_ text: String) -> [Int] {
        var result: [Int] = []
        for (index, run) in text.split(whereSeparator: { !$0.isNumber }).prefix(7).enumerated() {
            let digits = index == 6 ? String(run.prefix(9)).padding(toLength: 9, withPad: "0") : String(run)
            result.append(Int(digits) ?? 0)
        }
        return result
    }
}

extension String {
    func padding(toLength length: Int, withPad pad: Character) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}

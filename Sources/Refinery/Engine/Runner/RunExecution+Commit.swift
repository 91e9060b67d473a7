import Foundation

extension RunExecution {
    /// Writes what the current cycle has fully processed, as one commit of the state store: its data store
    /// writes (one batch per store, tagged with the execution's identity), the trigger's position over the
    /// processed items and the incomplete executions stored meanwhile; `util:FunctionIncrement`'s
    /// never-reset counters go with them, so a rolled-back item's increments are not kept. The execution's
    /// state moves on only once the commit succeeded.
    func commit() async throws {
        let batches = dataStaging.batches(id: executionIdentity()).map { DataStoreWrite(store: $0.0, batch: $0.1) }
        dataStaging = DataStoreStaging()
        var next = state
        if let trigger = plan.pollingTrigger {
            if let start = pendingStart {
                next.positions[trigger.id] = start
            } else if cycleAdvanced, let position = cyclePosition {
                next.positions[trigger.id] = position
            }
        }
        next.incomplete += pendingIncomplete
        next.counters = scenarioCounters
        next.revision += 1
        try await store.persist(next, for: scenarioKey, applying: batches)
        state = next
        committedIncomplete += pendingIncomplete.count
        pendingIncomplete = []
    }

    /// What names this execution's writes, the same when a killed execution runs again: the retried
    /// incomplete execution, the journal's delivery, or the trigger positions a polling commit moves
    /// between. Nil when nothing does (the batch is then applied however often it is committed).
    func executionIdentity() -> String? {
        if let id = options.executionId { return "\(scenarioKey)#\(id)" }
        if let delivery = options.journalDeliveryId { return "\(scenarioKey)#delivery-\(delivery)" }
        guard let trigger = plan.pollingTrigger, pendingStart == nil, cycleAdvanced, let position = cyclePosition else { return nil }
        let old = state.positions[trigger.id]
        guard old != position else { return nil }
        return "\(scenarioKey)#trigger-\(trigger.id)-" + Self.fingerprint(Self.text(old) + ">" + Self.text(position))
    }

    private static func text(_ position: TriggerPosition?) -> String {
        guard let position else { return "-" }
        let date = position.lastDate.map { String($0.timeIntervalSince1970) } ?? ""
        return (position.lastId ?? "") + "|" + date + "|" + position.sameDateIds.joined(separator: ",")
    }

    /// FNV-1a, 64 bits, as hex: short and stable across processes (unlike `Hasher`).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}

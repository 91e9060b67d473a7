extension StateStore {
    /// Removes the incomplete executions with these ids (all of them when `ids` is nil), under the
    /// scenario's lock. Returns the ids removed.
    public func discardIncomplete(_ ids: Set<String>?, scenario: String) throws(StateError) -> [String] {
        let lease = try lock(scenario)
        defer { lease.release() }
        var state = try read(scenario)
        let removed = state.incomplete.filter { ids?.contains($0.id) ?? true }.map(\.id)
        guard !removed.isEmpty else { return [] }
        state.incomplete.removeAll { ids?.contains($0.id) ?? true }
        try write(state, for: scenario)
        return removed
    }
}

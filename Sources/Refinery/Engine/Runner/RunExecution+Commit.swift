extension RunExecution {
    /// Writes what the current cycle has fully processed: the trigger's position over the processed items
    /// and the incomplete executions stored meanwhile, in one atomic state write; `util:FunctionIncrement`'s
    /// never-reset counters go with them, so a rolled-back item's increments are not kept.
    func commit() async throws {
        if let trigger = plan.pollingTrigger {
            if let start = pendingStart {
                state.positions[trigger.id] = start
            } else if cycleAdvanced, let position = cyclePosition {
                state.positions[trigger.id] = position
            }
        }
        state.incomplete += pendingIncomplete
        committedIncomplete += pendingIncomplete.count
        pendingIncomplete = []
        state.counters = scenarioCounters
        state.revision += 1
        try await store.persist(state, for: scenarioKey)
    }
}

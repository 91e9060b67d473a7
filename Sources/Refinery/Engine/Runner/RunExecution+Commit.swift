extension RunExecution {
    /// Writes what the current cycle has fully processed: the trigger's position over the processed items
    /// and the incomplete executions stored meanwhile, in one atomic state write.
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
        state.revision += 1
        try await store.persist(state, for: scenarioKey)
    }
}

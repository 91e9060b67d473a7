extension RunExecution {
    /// Writes what the current cycle has fully processed: the trigger's position over the processed items
    /// and the incomplete executions stored meanwhile, in one atomic state write.
    func commit() throws {
        if let trigger = plan.pollingTrigger, case .app(_, let descriptor) = trigger.kind {
            let selection = TriggerSelection(type: descriptor.trigger?.type ?? .id, position: cycleStartPosition)
            if let start = pendingStart {
                state.positions[trigger.id] = start
            } else if !cycleProcessed.isEmpty, let position = selection.advanced(over: cycleProcessed) {
                state.positions[trigger.id] = position
            }
        }
        state.incomplete += pendingIncomplete
        committedIncomplete += pendingIncomplete.count
        pendingIncomplete = []
        state.revision += 1
        try store.write(state, for: scenarioKey)
    }
}

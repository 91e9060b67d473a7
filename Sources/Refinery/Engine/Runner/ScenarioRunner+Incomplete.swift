public import Foundation
import RefineryHTTP

extension ScenarioRunner {
    /// The stored incomplete executions.
    public func incompleteExecutions() throws -> [IncompleteExecution] {
        try store.read(scenarioKey).incomplete
    }

    /// Incomplete executions whose automatic retry is due at `now`.
    public func dueIncompleteExecutions(at now: Date) throws -> [IncompleteExecution] {
        try incompleteExecutions().filter { item in
            item.retry && item.attempts < item.maxAttempts && (item.nextAttemptAt ?? .distantFuture) <= now
        }
    }

    /// Runs one incomplete execution again from the module that failed. Success removes it; failure counts
    /// an attempt and schedules the next one (`interval` minutes later, while attempts remain).
    /// Returns nil when there is no incomplete execution with that id.
    public func retryIncomplete(id: String, options: RunOptions = RunOptions()) async throws -> RunReport? {
        let lease = try store.lock(scenarioKey)
        defer { lease.release() }
        var state = try store.read(scenarioKey)
        guard let index = state.incomplete.firstIndex(where: { $0.id == id }) else { return nil }
        let item = state.incomplete[index]
        let execution = RunExecution(plan: plan, clock: clock, options: options, positions: state.positions)
        var report = RunReport(scenario: plan.name)
        var scratch = state
        let outcome = try await runCycle(execution, state: &scratch, report: &report) { try await $0.resume(item) }
        report.cycles = 1
        let succeeded = outcome != .failed && execution.pendingIncomplete.isEmpty && report.limit == nil
        state = scratch
        state.incomplete.removeAll { $0.id == id || execution.pendingIncomplete.contains($0) }
        if !succeeded {
            var again = item
            again.attempts += 1
            again.nextAttemptAt = again.attempts < again.maxAttempts
                ? clock.now.addingTimeInterval(Double(again.intervalMinutes) * 60) : nil
            state.incomplete.insert(again, at: min(index, state.incomplete.count))
        }
        execution.committedIncomplete = 0
        finish(execution, state: &state, report: &report)
        if !succeeded, report.status == .success { report.status = .incomplete }
        try store.write(state, for: scenarioKey)
        return report
    }
}

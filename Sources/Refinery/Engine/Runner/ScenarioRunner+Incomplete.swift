public import Foundation
import RefineryHTTP

extension ScenarioRunner {
    /// The stored incomplete executions.
    public func incompleteExecutions() async throws -> [IncompleteExecution] {
        try await store.load(scenarioKey).incomplete
    }

    /// Incomplete executions whose automatic retry is due at `now`.
    public func dueIncompleteExecutions(at now: Date) async throws -> [IncompleteExecution] {
        try await incompleteExecutions().filter { item in
            item.retry && item.attempts < item.maxAttempts && (item.nextAttemptAt ?? .distantFuture) <= now
        }
    }

    /// Runs one incomplete execution again from the module that failed. Success removes it; failure counts
    /// an attempt and schedules the next one (`interval` minutes later, while attempts remain).
    /// Returns nil when there is no incomplete execution with that id.
    public func retryIncomplete(id: String, options: RunOptions = RunOptions()) async throws -> RunReport? {
        try await store.withLock(scenarioKey, resetting: false) { _, stored in try await retry(id: id, from: stored, options: options) }
    }

    private func retry(id: String, from stored: ScenarioState, options: RunOptions) async throws -> RunReport? {
        guard let index = stored.incomplete.firstIndex(where: { $0.id == id }) else { return nil }
        let item = stored.incomplete[index]
        var options = options
        options.executionId = options.executionId ?? "incomplete-\(id)-attempt-\(item.attempts + 1)"
        let execution = RunExecution(plan: plan, environment: environment, options: options, scenarioKey: scenarioKey, state: stored)
        var report = RunReport(scenario: plan.name)
        let outcome = try await runCycle(execution, report: &report) { try await $0.resume(item) }
        report.cycles = 1
        let succeeded = outcome != .failed && execution.committedIncomplete == 0 && report.limit == nil
        var state = execution.state
        // A failure stored again during the retry stays one entry: the original, with one more attempt.
        state.incomplete.removeLast(execution.committedIncomplete)
        state.incomplete.removeAll { $0.id == id }
        if !succeeded {
            var again = item
            again.attempts += 1
            again.nextAttemptAt = again.attempts < again.maxAttempts
                ? clock.now.addingTimeInterval(Double(again.intervalMinutes) * 60) : nil
            state.incomplete.insert(again, at: min(index, state.incomplete.count))
        }
        execution.state = state
        execution.committedIncomplete = 0
        finish(execution, report: &report)
        if !succeeded, report.status == .success { report.status = .incomplete }
        try await store.persist(execution.state, for: scenarioKey)
        return report
    }
}

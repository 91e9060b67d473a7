public import RefineryHTTP
import RefineryJSON

/// Runs a compiled scenario: initialization (lock and read state), cycles, finalization (history, error
/// count, release). A trigger position and the incomplete executions of a cycle are written together,
/// atomically, only when the cycle commits.
public struct ScenarioRunner: Sendable {
    public let plan: ScenarioPlan
    public let clock: any RunClock
    public let store: any StateStore
    /// The name the state is stored under (default: the blueprint file's base name).
    public let scenarioKey: String

    /// Called after each cycle (the CLI shows progress on a terminal).
    public var progress: (@Sendable (RunProgress) -> Void)?

    public init(plan: ScenarioPlan, clock: any RunClock, store: any StateStore, scenarioKey: String? = nil) {
        self.plan = plan
        self.clock = clock
        self.store = store
        self.scenarioKey = scenarioKey ?? Self.defaultKey(for: plan.file)
    }

    static func defaultKey(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    }

    /// Runs up to the cycle limit. Throws `StateError` when the state cannot be locked, read or written,
    /// and `CancellationError` when cancelled (the current cycle is not committed).
    public func run(_ options: RunOptions = RunOptions()) async throws -> RunReport {
        let lease = try store.lock(scenarioKey)
        defer { lease.release() }
        var state = try store.read(scenarioKey)
        let execution = RunExecution(plan: plan, clock: clock, options: options, positions: state.positions)
        var report = RunReport(scenario: plan.name)
        if let delivery = options.delivery {
            _ = try await runCycle(execution, state: &state, report: &report) { try await $0.deliver(delivery) }
            report.cycles = 1
            finish(execution, state: &state, report: &report)
            try store.write(state, for: scenarioKey)
            return report
        }
        let maxCycles = options.maxCycles ?? plan.settings.roundtrips
        var outcome: CycleOutcome = .more
        while report.cycles < maxCycles, outcome == .more {
            try Task.checkCancellation()
            report.cycles += 1
            outcome = try await runCycle(execution, state: &state, report: &report)
            progress?(RunProgress(cycles: report.cycles, operations: execution.operations))
        }
        if outcome == .more, report.limit == nil, plan.pollingTrigger != nil {
            report.limit = LimitReached(.maxCycles, count: report.cycles)
        }
        finish(execution, state: &state, report: &report)
        try store.write(state, for: scenarioKey)
        return report
    }

    enum CycleOutcome: Equatable {
        /// The trigger returned a full batch: another cycle may find more.
        case more
        case done
        case failed
    }

    func runCycle(
        _ execution: RunExecution, state: inout ScenarioState, report: inout RunReport,
        work: ((RunExecution) async throws -> Void)? = nil
    ) async throws -> CycleOutcome {
        execution.beginCycle()
        do {
            if let work { try await work(execution) } else { try await execution.runFlow(plan.flow[...], scope: [:]) }
            try commit(execution, state: &state)
            return execution.cycleTriggerFull ? .more : .done
        } catch let stop as RunStop {
            switch stop {
            case .limit(let limit):
                report.limit = limit
                try commit(execution, state: &state)
                return .done
            case .commit, .parked:
                try commit(execution, state: &state)
                return .done
            case .rollback, .unhandled:
                execution.failed = true
                return .failed
            case .cancelled:
                throw CancellationError()
            }
        }
    }

    func commit(_ execution: RunExecution, state: inout ScenarioState) throws {
        if let trigger = plan.pollingTrigger, case .app(_, let descriptor) = trigger.kind {
            let selection = TriggerSelection(type: descriptor.trigger?.type ?? .id, position: execution.cycleStartPosition)
            if let start = execution.pendingStart {
                state.positions[trigger.id] = start
            } else if let position = selection.advanced(over: execution.cycleProcessed), !execution.cycleProcessed.isEmpty {
                state.positions[trigger.id] = position
            }
            execution.positions = state.positions
        }
        state.incomplete += execution.pendingIncomplete
        execution.committedIncomplete += execution.pendingIncomplete.count
        state.revision += 1
        try store.write(state, for: scenarioKey)
    }

    func finish(_ execution: RunExecution, state: inout ScenarioState, report: inout RunReport) {
        report.operations = execution.operations
        report.errors = execution.errors
        report.incompleteExecutions = execution.committedIncomplete
        report.modules = plan.allNodes.filter { $0.countsOperation }.map { node in
            let counts = execution.counts[node.id] ?? RunExecution.Counts()
            return RunReport.ModuleStats(id: node.id, module: node.module, operations: counts.operations, bundles: counts.bundles)
        }.sorted { $0.id < $1.id }
        report.incompleteExecutions = execution.committedIncomplete
        report.status = execution.failed ? .error : (execution.committedIncomplete > 0 ? .incomplete : .success)
        if report.status == .error {
            state.consecutiveErrors += 1
            if state.consecutiveErrors >= plan.settings.maxErrors { state.active = false }
        } else {
            state.consecutiveErrors = 0
            state.active = true
        }
        state.history.append(RunSummary(
            startedAt: execution.runStartedAt, status: report.status.rawValue, cycles: report.cycles,
            operations: report.operations, limit: report.limit?.kind.rawValue
        ))
        state.history = Array(state.history.suffix(ScenarioState.historyLimit))
        state.revision += 1
    }
}

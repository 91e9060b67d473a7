public import RefineryHTTP
import RefineryJSON

/// Runs a compiled scenario: initialization (lock and read state), cycles, finalization (history, error
/// count, release). A trigger position and the incomplete executions of a cycle are written together,
/// atomically, only when the cycle commits.
public struct ScenarioRunner: Sendable {
    public let plan: ScenarioPlan
    /// Transport, clock, state store, connections, randomness and events of the run.
    public let environment: RuntimeEnvironment
    /// The name the state is stored under (default: the blueprint file's base name).
    public let scenarioKey: String

    public var clock: any RunClock { environment.clock }
    public var store: any StateStore { environment.store }

    public init(plan: ScenarioPlan, environment: RuntimeEnvironment, scenarioKey: String? = nil) {
        self.plan = plan
        self.environment = environment
        self.scenarioKey = scenarioKey ?? Self.defaultKey(for: plan.file)
    }

    /// The state key of a scenario file: its name without folder and `.json`.
    public static func defaultKey(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    }

    /// Runs up to the cycle limit. Throws `StateError` when the state cannot be locked, read or written,
    /// and `CancellationError` when cancelled (the current cycle is not committed).
    public func run(_ options: RunOptions = RunOptions()) async throws -> RunReport {
        try await store.withLock(scenarioKey, resetting: options.resetState) { kept, state in
            if let kept { environment.events(.stateSetAside(path: kept)) }
            return try await run(options, from: state)
        }
    }

    private func run(_ options: RunOptions, from state: ScenarioState) async throws -> RunReport {
        let execution = RunExecution(plan: plan, environment: environment, options: options, scenarioKey: scenarioKey, state: state)
        var report = RunReport(scenario: plan.name)
        if !options.deliveries.isEmpty {
            for delivery in options.deliveries {
                try Task.checkCancellation()
                report.cycles += 1
                _ = try await runCycle(execution, report: &report) { try await $0.deliver(delivery) }
            }
            finish(execution, report: &report)
            try await store.persist(execution.state, for: scenarioKey)
            return report
        }
        let maxCycles = options.maxCycles ?? plan.settings.roundtrips
        var outcome: CycleOutcome = .more
        while report.cycles < maxCycles, outcome == .more {
            try Task.checkCancellation()
            report.cycles += 1
            outcome = try await runCycle(execution, report: &report)
            environment.events(.cycleFinished(RunProgress(cycles: report.cycles, operations: execution.operations)))
        }
        if outcome == .more, report.limit == nil, plan.pollingTrigger != nil {
            report.limit = LimitReached(.maxCycles, count: report.cycles)
        }
        finish(execution, report: &report)
        try await store.persist(execution.state, for: scenarioKey)
        return report
    }

    enum CycleOutcome: Equatable {
        /// The trigger returned a full batch: another cycle may find more.
        case more
        case done
        case failed
    }

    func runCycle(
        _ execution: RunExecution, report: inout RunReport,
        work: ((RunExecution) async throws -> Void)? = nil
    ) async throws -> CycleOutcome {
        execution.beginCycle()
        do {
            if let work { try await work(execution) } else { try await execution.runFlow(plan.flow[...], scope: [:]) }
            try await execution.commit()
            return execution.cycleTriggerFull ? .more : .done
        } catch let stop as RunStop {
            switch stop {
            case .limit(var limit):
                limit.madeNoProgress = limit.kind == .maxPages && report.cycles == 1 && limit.moduleId != nil
                    && limit.moduleId == plan.pollingTrigger?.id
                report.limit = limit
                try await execution.commit()
                return .done
            case .commit, .parked:
                try await execution.commit()
                return .done
            case .rollback, .unhandled:
                execution.failed = true
                return .failed
            case .cancelled:
                throw CancellationError()
            }
        }
    }

    func finish(_ execution: RunExecution, report: inout RunReport) {
        report.operations = execution.operations
        report.errors = execution.errors
        report.incompleteExecutions = execution.committedIncomplete
        // Modules that count operations, and routers (or directives) with a filter, for its counts.
        report.modules = plan.allNodes.filter { $0.countsOperation || $0.filter != nil }.map { node in
            let counts = execution.counts[node.id] ?? RunExecution.Counts()
            let filter = node.filter == nil ? nil : counts.filter ?? RunReport.FilterCounts()
            return RunReport.ModuleStats(id: node.id, module: node.module, operations: counts.operations, bundles: counts.bundles, filter: filter)
        }.sorted { $0.id < $1.id }
        report.status = execution.failed ? .error : (execution.committedIncomplete > 0 ? .incomplete : .success)
        if report.status == .error {
            execution.state.consecutiveErrors += 1
            if execution.state.consecutiveErrors >= plan.settings.maxErrors || deactivatesAtOnce(execution) {
                execution.state.active = false
            }
        } else {
            execution.state.consecutiveErrors = 0
            execution.state.active = true
        }
        execution.state.history.append(RunSummary(
            startedAt: execution.runStartedAt, status: report.status.rawValue, cycles: report.cycles,
            operations: report.operations, limit: report.limit?.kind.rawValue, failure: report.firstUnhandledError?.line
        ))
        execution.state.history = Array(execution.state.history.suffix(ScenarioState.historyLimit))
        execution.state.revision += 1
    }

    /// A scenario whose unhandled error says its configuration or its token is wrong is deactivated at
    /// once (retrying cannot help). Instant-trigger scenarios count `maxErrors` like polling ones (Make
    /// deactivates them at the first failure: one downstream outage would stop every later delivery).
    private func deactivatesAtOnce(_ execution: RunExecution) -> Bool {
        let fatal: Set = ["InvalidConfigurationError", "InvalidAccessTokenError"]
        return execution.errors.contains { $0.handledBy == nil && fatal.contains($0.type) }
    }
}

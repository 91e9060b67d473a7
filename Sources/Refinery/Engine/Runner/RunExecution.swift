import Foundation
import IML
import RefineryHTTP
import RefineryJSON

/// The mutable state of one run, used by one task only: counters, variables, aggregator collectors, the
/// trigger items processed in the current cycle and what is waiting to be committed.
final class RunExecution {
    struct Counts {
        var operations = 0
        var bundles = 0
        /// Set once the node's filter was evaluated on a bundle.
        var filter: RunReport.FilterCounts?
    }

    struct Collector {
        var groups: [(key: String?, items: [JSONValue])] = []
        var index: [String: Int] = [:]

        mutating func add(_ item: JSONValue, key: String?) {
            let name = key ?? ""
            if let position = index[name] {
                groups[position].items.append(item)
            } else {
                index[name] = groups.count
                groups.append((key, [item]))
            }
        }
    }

    let plan: ScenarioPlan
    /// What the run takes from outside: modules run in it.
    let environment: RuntimeEnvironment
    let clock: any RunClock
    /// The time and zone expressions see.
    let mapping: MappingEnvironment
    let budget: RequestBudget
    let options: RunOptions
    let runStartedAt: Date
    /// What expressions read under `var`: `{"input": {...}}`, the scenario inputs.
    let variables: JSONValue

    var operations = 0
    var counts: [Int: Counts] = [:]
    var errors: [RunReport.ErrorRecord] = []
    var executionVariables = JSONObject()
    var cycleVariables = JSONObject()
    var collectors: [Int: Collector] = [:]
    /// `util:FunctionIncrement` counters by module id, per reset scope (`RunExecution+Counters`); the
    /// scenario-wide ones start from the state and are written with each commit.
    var cycleCounters: [Int: Int] = [:]
    var executionCounters: [Int: Int] = [:]
    var scenarioCounters: [Int: Int]
    /// Expressions evaluated so far: each draws the next random seed.
    var evaluations: UInt64 = 0
    /// Depth of error routes being run: their modules do not count operations (as in Make).
    var errorRouteDepth = 0
    /// When the next `cycleProgressed` event is due.
    var progress: ProgressThrottle

    // Trigger and commit state.
    let store: any StateStore
    let scenarioKey: String
    /// The scenario's state as last committed (plus this run's changes once committed).
    var state: ScenarioState
    /// The trigger's position past the items fully processed in this cycle (from `cycleStartPosition`),
    /// and whether any was: what a commit writes.
    var cyclePosition: TriggerPosition?
    var cycleAdvanced = false
    var cycleTriggerFull = false
    var cycleStartPosition: TriggerPosition?
    /// "From now on": the position recorded without emitting anything.
    var pendingStart: TriggerPosition?
    var pendingIncomplete: [IncompleteExecution] = []
    var incompleteSerial = 0
    var committedIncomplete = 0
    /// Set when a cycle rolled back (unhandled error or Rollback).
    var failed = false
    /// The data store writes waiting for the commit.
    var dataStaging = DataStoreStaging()

    /// The cycle running now, from 1.
    var cycle = 0

    /// Resets what lives for one cycle only.
    func beginCycle() {
        cycle += 1
        cycleVariables = JSONObject()
        cycleAdvanced = false
        cycleTriggerFull = false
        pendingIncomplete = []
        pendingStart = nil
        collectors = [:]
        cycleCounters = [:]
        dataStaging = DataStoreStaging()
    }

    init(plan: ScenarioPlan, environment: RuntimeEnvironment, options: RunOptions, scenarioKey: String, state: ScenarioState) {
        let clock = environment.clock
        self.plan = plan
        self.environment = environment
        self.clock = clock
        self.options = options
        self.store = environment.store
        self.scenarioKey = scenarioKey
        self.state = state
        self.scenarioCounters = state.counters
        self.runStartedAt = clock.now
        self.progress = ProgressThrottle(start: runStartedAt)
        self.mapping = MappingEnvironment(now: clock.now, timeZone: options.timeZone, randomSeed: environment.randomSeed)
        let inputs = (try? plan.inputs.resolve(options.inputs).get()) ?? options.inputs
        self.variables = ["input": .object(inputs)]
        self.budget = RequestBudget(perMinute: plan.limits.requestsPerMinute, clock: clock)
    }

    /// Counts one operation for `node`, or stops the run at `maxOperations`.
    func countOperation(_ node: PlanNode) throws(RunStop) {
        guard node.countsOperation, errorRouteDepth == 0 else { return }
        if let max = plan.limits.maxOperations, operations >= max {
            throw RunStop.limit(LimitReached(.maxOperations, moduleId: node.id, count: operations))
        }
        operations += 1
        counts[node.id, default: Counts()].operations += 1
        if progress.shouldReport(operations: operations, at: clock.now) {
            environment.events(.cycleProgressed(RunProgress(cycles: cycle, operations: operations)))
        }
    }

    /// Counts one bundle that `node`'s filter let through or held back.
    func countFilter(_ node: PlanNode, passed: Bool) {
        var filter = counts[node.id, default: Counts()].filter ?? RunReport.FilterCounts()
        if passed { filter.passed += 1 } else { filter.dropped += 1 }
        counts[node.id, default: Counts()].filter = filter
    }

    func countBundle(_ node: PlanNode) {
        counts[node.id, default: Counts()].bundles += 1
    }

    /// Evaluates one of the plan's values on a bundle; each evaluation of the run draws its own random
    /// seed, so `{{uuid}}` differs per bundle and a replay with the same seed repeats them all.
    func evaluate(_ value: CompiledValue, _ scope: BundleScope) throws(ModuleError) -> JSONValue {
        evaluations &+= 1
        do {
            var roots = scope.object(keeping: value.referencedRoots)
            if roots["var"] == nil, value.referencedRoots.contains("var") { roots["var"] = variables }
            return try value.evaluate(in: roots, environment: mapping.evaluation(evaluations))
        } catch {
            throw ModuleError(.data, code: "scenario.expression-failed", message: EngineMessages.expressionFailed(plan.locate(error)))
        }
    }

    func evaluateObject(_ value: CompiledValue, _ scope: BundleScope) throws(ModuleError) -> JSONObject {
        try evaluate(value, scope).objectValue ?? [:]
    }

    /// A new incomplete execution for a failure of `moduleId` with the bundles in `scope`.
    func incomplete(moduleId: Int, scope: BundleScope, failure: ModuleError, retry: JSONObject = [:]) -> IncompleteExecution {
        incompleteSerial += 1
        let stamp = Int(runStartedAt.timeIntervalSince1970 * 1000)
        let id = options.journalDeliveryId.map { IncompleteExecution.id(delivery: $0, serial: incompleteSerial) } ?? "\(stamp)-\(incompleteSerial)"
        return IncompleteExecution(
            id: id, createdAt: clock.now, moduleId: moduleId, scope: scope.object,
            errorType: failure.kind.rawValue, message: failure.fullMessage,
            retry: retry["retry"]?.boolValue ?? FilterOperands.bool(retry["retry"] ?? .null) ?? false,
            maxAttempts: retry["count"].flatMap(FilterOperands.number).map { Int(saturating: $0) } ?? 3,
            intervalMinutes: retry["interval"].flatMap(FilterOperands.number).map { Int(saturating: $0) } ?? 15
        )
    }
}

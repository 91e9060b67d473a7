import RefineryJSON

extension RunExecution {
    /// Runs `nodes` on one bundle path, depth first. `scope` holds the bundles of the modules before.
    func runFlow(_ nodes: ArraySlice<PlanNode>, scope: BundleScope, filterChecked: Bool = false) async throws {
        guard let node = nodes.first else { return }
        if !filterChecked, let filter = node.filter {
            do {
                guard try passes(filter, of: node, scope) else { return }
            } catch {
                try await handleFailure(error, of: node, rest: nodes.dropFirst(), scope: scope)
                return
            }
        }
        switch node.kind {
        case .router(let routes):
            try await runRouter(routes, scope: scope)
        case .ifElse(let branches):
            try await runIfElse(node, branches, scope: scope)
        case _ where node.kind.aggregatorFeeder != nil:
            do {
                try collect(node, scope: scope)
            } catch let failure as ModuleError {
                try await handleFailure(failure, of: node, rest: [], scope: scope)
            }
        case .directive:
            return
        default:
            try await runModule(node, rest: nodes.dropFirst(), scope: scope)
        }
    }

    /// Whether the bundle passes `node`'s filter, counted for the run report's `filter` of the node.
    private func passes(_ filter: FilterPlan, of node: PlanNode, _ scope: BundleScope) throws(ModuleError) -> Bool {
        let passed = try passes(filter, scope)
        countFilter(node, passed: passed)
        return passed
    }

    /// Whether the bundle passes the filter (OR of AND groups). An operand that cannot be evaluated is
    /// an error of the filtered module on this bundle, never a silent "does not pass".
    func passes(_ filter: FilterPlan, _ scope: BundleScope) throws(ModuleError) -> Bool {
        guard !filter.groups.isEmpty else { return true }
        for group in filter.groups where try allHold(group, scope) { return true }
        return false
    }

    private func allHold(_ group: [ConditionPlan], _ scope: BundleScope) throws(ModuleError) -> Bool {
        for condition in group {
            let a = try evaluate(condition.a, scope)
            let b = try condition.b.map { operand throws(ModuleError) in try evaluate(operand, scope) }
            do {
                guard try condition.op.matches(a, b) else { return false }
            } catch {
                throw ModuleError(.data, code: "scenario.pattern-too-slow", message: EngineMessages.patternTooSlow(error))
            }
        }
        return true
    }

    /// Routes in order; a fallback route runs only when no other route's filter passed.
    private func runRouter(_ routes: [PlanRoute], scope: BundleScope) async throws {
        var anyPassed = false
        for route in routes where !route.isFallback {
            guard let first = route.flow.first else { continue }
            if let filter = first.filter {
                do {
                    guard try passes(filter, of: first, scope) else { continue }
                } catch {
                    try await handleFailure(error, of: first, rest: route.flow.dropFirst(), scope: scope)
                    continue
                }
            }
            anyPassed = true
            try await runFlow(route.flow[...], scope: scope, filterChecked: true)
        }
        guard !anyPassed else { return }
        for route in routes where route.isFallback {
            try await runFlow(route.flow[...], scope: scope)
        }
    }

    /// Runs one module on one bundle (one operation), forwarding each output down `rest`; when it feeds
    /// aggregators, they emit once all its outputs went through.
    func runModule(_ node: PlanNode, rest: ArraySlice<PlanNode>, scope: BundleScope) async throws {
        if Task.isCancelled { throw RunStop.cancelled }
        let aggregators = plan.aggregatorsByFeeder[node.id] ?? []
        let saved = aggregators.map { collectors[$0] }
        for id in aggregators { collectors[id] = Collector() }
        defer { for (id, collector) in zip(aggregators, saved) { collectors[id] = collector } }
        var failed = false
        do {
            try countOperation(node)
            try await produce(node, rest: rest, scope: scope)
        } catch let failure as ModuleError {
            failed = true
            try await handleFailure(failure, of: node, rest: rest, scope: scope)
        }
        for id in aggregators {
            guard let aggregator = plan.node(id) else { continue }
            try await finishAggregate(aggregator, feeder: node, failed: failed, scope: scope)
        }
    }

    /// Outputs of `node` continue with the rest of the flow, each with its own copy of the scope.
    func forward(_ bundle: JSONValue, from node: PlanNode, rest: ArraySlice<PlanNode>, scope: BundleScope) async throws {
        countBundle(node)
        options.onBundle?(BundleTrace(cycle: cycle, moduleId: node.id, module: node.module, bundle: bundle))
        try await runFlow(rest, scope: scope.adding(String(node.id), bundle))
    }

    private func produce(_ node: PlanNode, rest: ArraySlice<PlanNode>, scope: BundleScope) async throws {
        switch node.kind {
        case .app(let module, let descriptor):
            if descriptor.kind == .trigger, node.id == plan.pollingTrigger?.id, errorRouteDepth == 0 {
                try await runTrigger(node, module: module, descriptor: descriptor, rest: rest)
            } else {
                try await runApp(node, module: module, descriptor: descriptor, rest: rest, scope: scope)
            }
        case .feeder:
            // One bundle at a time: a large array is never copied whole.
            let array = try evaluateObject(node.mapper, scope)["array"] ?? .null
            let count = try iterationCount(array, module: node.module)
            for index in 0..<count {
                try await forward(Self.iterationBundle(array, index: index, count: count), from: node, rest: rest, scope: scope)
            }
        case .tool(let tool):
            for bundle in try await runTool(tool, node, scope: scope) {
                try await forward(bundle, from: node, rest: rest, scope: scope)
            }
        case .textParser(let tool):
            for bundle in try runTextParser(tool, node, scope: scope) {
                try await forward(bundle, from: node, rest: rest, scope: scope)
            }
        case .dataStore(let operation, let store):
            for bundle in try runDataStore(operation, store: store, node, scope: scope) {
                try await forward(bundle, from: node, rest: rest, scope: scope)
            }
        default:
            for bundle in try runBuiltin(node, scope: scope) {
                try await forward(bundle, from: node, rest: rest, scope: scope)
            }
        }
    }
}

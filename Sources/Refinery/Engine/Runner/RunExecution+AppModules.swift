import RefineryJSON

extension RunExecution {
    /// An app module's evaluated static parameters, without Make's own keys (`__IMTCONN__`, `__IMTHOOK__`,
    /// ...): the connection and the webhook are the app's and `serve`'s. Every path uses it: polling,
    /// actions, deliveries and retries.
    func appParameters(_ node: PlanNode, _ scope: BundleScope) throws(ModuleError) -> JSONObject {
        JSONObject(try evaluateObject(node.parameters, scope).filter { !$0.key.hasPrefix("__IMT") })
    }

    /// The call for one run of an app module: evaluated parameters and mapper, declared defaults filled in.
    func makeCall(_ node: PlanNode, descriptor: ModuleDescriptor, scope: BundleScope, position: TriggerPosition? = nil) throws(ModuleError) -> ModuleCall {
        var parameters = try appParameters(node, scope)
        var mapper = try evaluateObject(node.mapper, scope)
        for field in descriptor.parameters where parameters[field.name] == nil {
            if let value = field.defaultValue { parameters[field.name] = value }
        }
        for field in descriptor.expect where mapper[field.name] == nil && parameters[field.name] == nil {
            if let value = field.defaultValue { mapper[field.name] = value }
        }
        let limit = (mapper["limit"] ?? parameters["limit"]).flatMap(FilterOperands.number).map { Int(saturating: $0) }
        return ModuleCall(
            moduleId: node.id, parameters: parameters, mapper: mapper,
            limit: limit ?? (descriptor.kind == .trigger ? 1 : nil), maxPages: plan.limits.maxPages,
            callTimeout: Double(plan.limits.callTimeout), position: position, budget: budget.bound(to: descriptor.connection, moduleId: node.id)
        )
    }

    /// Actions, searches, universal modules: every output goes on (a search stops at its `limit`).
    func runApp(_ node: PlanNode, module: any ScenarioModule, descriptor: ModuleDescriptor, rest: ArraySlice<PlanNode>, scope: BundleScope) async throws {
        let call = try makeCall(node, descriptor: descriptor, scope: scope)
        var emitted = 0
        try await read(module.run(call, in: environment), node: node) { output in
            if let limit = call.limit, descriptor.kind == .search, emitted >= limit { return false }
            emitted += 1
            try await self.forward(output.bundle, from: node, rest: rest, scope: scope)
            return true
        }
    }

    /// Reads a module's stream, turning its failures into `ModuleError` / `RunStop` and checking bundle
    /// size. `body` returns false to stop reading.
    func read(
        _ stream: AsyncThrowingStream<ModuleOutput, any Error>, node: PlanNode,
        _ body: (ModuleOutput) async throws -> Bool
    ) async throws {
        var iterator = stream.makeAsyncIterator()
        while true {
            let next: ModuleOutput?
            do {
                try Task.checkCancellation()
                next = try await iterator.next()
            } catch let failure as ModuleError where failure.code == "pagination.max-pages" {
                throw RunStop.limit(LimitReached(.maxPages, moduleId: node.id, count: failure.pages ?? 0))
            } catch let failure as ModuleError {
                throw failure
            } catch let limit as LimitReached {
                throw RunStop.limit(limit)
            } catch is CancellationError {
                throw RunStop.cancelled
            } catch {
                throw ModuleError(.runtime, code: "module.unexpected-error", message: String(describing: error))
            }
            guard let output = next else { return }
            try checkSize(output.bundle, node: node)
            guard try await body(output) else { return }
        }
    }

    private func checkSize(_ bundle: JSONValue, node: PlanNode) throws(RunStop) {
        let limit = plan.limits.maxBundleBytes
        let size = bundle.serializedBytes().count
        if size > limit { throw RunStop.limit(LimitReached(.maxBundleBytes, moduleId: node.id, count: size)) }
    }
}

import RefineryJSON

extension RunExecution {
    /// An instant trigger's delivery: the first module makes bundles of the payload (one operation; its
    /// `webhook.condition` may drop it, e.g. another survey), and the flow goes on with each. A payload
    /// that is an array is a batch: each element is a payload of its own, as in Make. With `dlq`, an
    /// error no handler takes is stored as an incomplete execution (the failed module and the bundles on
    /// its path, the payload among them), and the other bundles go on, as for a polling trigger's items.
    func deliver(_ payload: JSONValue) async throws {
        guard let first = plan.flow.first else { return }
        try countOperation(first)
        let payloads = payload.arrayValue ?? [payload]
        var bundles = payloads
        if case .app(let module, _) = first.kind {
            do {
                let parameters = try appParameters(first, [:])
                bundles = try payloads.flatMap { element in try module.webhookBundles(element, parameters: parameters, in: environment) }
            } catch let failure as ModuleError {
                try await handleFailure(failure, of: first, rest: plan.flow.dropFirst(), scope: [:])
                return
            }
        }
        for bundle in bundles {
            do {
                try await forward(bundle, from: first, rest: plan.flow.dropFirst(), scope: [:])
            } catch RunStop.unhandled(let moduleId, let scope, let failure) where plan.settings.dlq {
                pendingIncomplete.append(incomplete(moduleId: moduleId, scope: scope, failure: failure))
            }
        }
    }

    /// Resumes a stored incomplete execution: the failed module runs again on its stored bundles, and the
    /// flow continues after it.
    func resume(_ item: IncompleteExecution) async throws {
        guard let node = plan.node(item.moduleId) else { return }
        try await runModule(node, rest: plan.rest(after: node.id), scope: BundleScope(item.scope))
    }
}

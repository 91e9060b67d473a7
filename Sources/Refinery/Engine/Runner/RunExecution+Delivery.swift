import RefineryJSON

extension RunExecution {
    /// An instant trigger's delivery: the first module outputs the payload (one operation), the flow goes on.
    func deliver(_ payload: JSONValue) async throws {
        guard let first = plan.flow.first else { return }
        try countOperation(first)
        let bundles = payload.arrayValue ?? [payload]
        for bundle in bundles {
            try await forward(bundle, from: first, rest: plan.flow.dropFirst(), scope: [:])
        }
    }

    /// Resumes a stored incomplete execution: the failed module runs again on its stored bundles, and the
    /// flow continues after it.
    func resume(_ item: IncompleteExecution) async throws {
        guard let node = plan.node(item.moduleId) else { return }
        try await runModule(node, rest: plan.rest(after: node.id), scope: item.scope)
    }
}

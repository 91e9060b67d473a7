import RefineryJSON

extension RunExecution {
    /// A module failed on one bundle: run its error route, then apply the route's directive.
    func handleFailure(_ failure: ModuleError, of node: PlanNode, rest: ArraySlice<PlanNode>, scope: BundleScope) async throws {
        let bundleNumber = counts[node.id]?.operations ?? 0
        errors.append(RunReport.ErrorRecord(
            moduleId: node.id, module: node.module, bundle: max(bundleNumber, 1), type: failure.kind.rawValue,
            message: failure.fullMessage, status: failure.status, body: failure.bodyExcerpt, handledBy: nil
        ))
        let recordIndex = errors.count - 1
        guard !node.onerror.isEmpty else { throw RunStop.unhandled(moduleId: node.id, scope: scope, failure: failure) }
        let handlerScope = scope.adding(String(node.id), Self.errorBundle(failure))
        var route = node.onerror[...]
        var directive: (ErrorDirective, PlanNode)?
        if let last = route.last, case .directive(let kind) = last.kind {
            directive = (kind, last)
            route = route.dropLast()
        }
        errorRouteDepth += 1
        defer { errorRouteDepth -= 1 }
        try await runFlow(route, scope: handlerScope)
        errors[recordIndex].handledBy = directive?.0.rawValue ?? ErrorDirective.ignore.rawValue
        try await apply(directive, failure: failure, node: node, rest: rest, scope: scope, handlerScope: handlerScope)
    }

    private func apply(
        _ directive: (ErrorDirective, PlanNode)?, failure: ModuleError, node: PlanNode,
        rest: ArraySlice<PlanNode>, scope: BundleScope, handlerScope: BundleScope
    ) async throws {
        guard let (kind, directiveNode) = directive else { return }
        switch kind {
        case .ignore:
            return
        case .resume:
            let substitute = try evaluate(directiveNode.mapper, handlerScope)
            errorRouteDepth -= 1
            defer { errorRouteDepth += 1 }
            try await forward(substitute, from: node, rest: rest, scope: scope)
        case .commit:
            throw RunStop.commit
        case .rollback:
            throw RunStop.rollback
        case .breakExecution:
            let settings = (try? evaluateObject(directiveNode.mapper, handlerScope)) ?? [:]
            pendingIncomplete.append(incomplete(moduleId: node.id, scope: scope, failure: failure, retry: settings))
        }
    }

    /// What the error route sees as the failed module's bundle: `{{N.error.message}}`, `{{N.error.type}}`.
    static func errorBundle(_ failure: ModuleError) -> JSONValue {
        var error: JSONObject = ["type": .string(failure.kind.rawValue), "message": .string(failure.fullMessage)]
        if let status = failure.status { error["status"] = .int(status) }
        if let body = failure.bodyExcerpt { error["body"] = .string(body) }
        return .object(["error": .object(error)])
    }
}

import RefineryJSON

extension RunExecution {
    /// If-else: one operation, then the first branch whose condition passes (the `else` branch when none
    /// does) runs on the bundle; no branch runs when none passes and there is no `else`.
    func runIfElse(_ node: PlanNode, _ branches: [PlanBranch], scope: BundleScope) async throws {
        do {
            try countOperation(node)
            guard let branch = try chosenBranch(branches, scope) else { return }
            countBundle(node)
            try await runFlow(branch.flow[...], scope: scope)
        } catch let failure as ModuleError {
            try await handleFailure(failure, of: node, rest: [], scope: scope)
        }
    }

    private func chosenBranch(_ branches: [PlanBranch], _ scope: BundleScope) throws(ModuleError) -> PlanBranch? {
        for branch in branches {
            guard let condition = branch.condition else { return branch }
            if try passes(condition, scope) { return branch }
        }
        return nil
    }

    /// Merge: the outputs mapped for the branch the bundle came from, or, with none, the bundle of the
    /// module just before (the branch's last, or the if-else's input when the branch is empty).
    func merged(_ outputs: [MergeOutput], scope: BundleScope) throws(ModuleError) -> JSONValue {
        guard !outputs.isEmpty else { return scope.newest ?? .object([:]) }
        var bundle = JSONObject()
        for output in outputs { bundle[output.name] = try evaluate(output.value, scope) }
        return .object(bundle)
    }
}

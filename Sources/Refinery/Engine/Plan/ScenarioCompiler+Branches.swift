import RefineryJSON

extension ScenarioCompiler {
    /// `builtin:BasicIfElse` and, when it directly follows, `builtin:BasicMerge`: the merge and the rest of
    /// the flow after it are compiled once and end every branch marked `merge`, each branch with its own
    /// copy of the merge node (its filter and output mappings for that branch).
    mutating func compileIfElse(_ node: BlueprintNode, following: ArraySlice<BlueprintNode>, available: [Int]) -> PlanNode? {
        checkBranches(node)
        guard let shell = compileNode(node, available: available, kind: .ifElse([])) else { return nil }
        let inside = available + [node.id]
        let merge = following.first.flatMap { $0.module == BuiltinModule.merge.rawValue ? $0 : nil }
        var afterMerge: [PlanNode] = []
        if let merge {
            noteSeen(merge)
            let reachable = inside + node.branches.flatMap { Self.ids(in: $0.flow) } + [merge.id]
            afterMerge = compileFlow(Array(following.dropFirst()), available: reachable)
            checkMappings(merge, branches: node.branches.count)
        }
        let branches = node.branches.enumerated().map { index, branch in
            var flow = compileFlow(branch.flow, available: inside)
            if branch.merges, let merge {
                let path = inside + Self.ids(in: branch.flow)
                flow.append(mergeNode(merge, branch: index, available: path))
                flow += afterMerge
            }
            return PlanBranch(label: branch.label, condition: compileFilter(branch.condition, available: inside), flow: flow)
        }
        return PlanNode(
            id: shell.id, module: shell.module, kind: .ifElse(branches), parameters: shell.parameters, mapper: shell.mapper, flags: shell.flags,
            filter: shell.filter, onerror: shell.onerror, pointer: shell.pointer
        )
    }

    private mutating func checkBranches(_ node: BlueprintNode) {
        let pointer = node.pointer.appending("branches")
        if node.branches.isEmpty {
            report("scenario.missing-branches", EngineMessages.ifElseWithoutBranches, at: node.pointer)
        }
        let elses = node.branches.indices.filter { node.branches[$0].isElse }
        if elses.count > 1 || elses.contains(where: { $0 != node.branches.count - 1 }) {
            report("scenario.invalid-branch", EngineMessages.elseNotLast, at: pointer)
        }
    }

    private mutating func checkMappings(_ merge: BlueprintNode, branches: Int) {
        for output in merge.merge?.outputs ?? [] where output.mappings.count != branches {
            report(
                "scenario.invalid-merge", EngineMessages.mergeMappings(output.name, found: output.mappings.count, branches: branches),
                at: output.pointer.appending("mappings")
            )
        }
    }

    /// The merge as reached from branch `index`.
    private mutating func mergeNode(_ merge: BlueprintNode, branch index: Int, available: [Int]) -> PlanNode {
        let spec = merge.merge ?? BlueprintMerge(outputs: [], filters: [])
        let outputs = spec.outputs.map { output in
            let mapping = index < output.mappings.count ? output.mappings[index] : .null
            let value = compileValue(mapping, at: output.pointer.appending("mappings").appending(index), available: available)
            return MergeOutput(name: output.name, value: value)
        }
        let filter = index < spec.filters.count ? spec.filters[index] : nil
        return PlanNode(
            id: merge.id, module: merge.module, kind: .merge(outputs), parameters: CompiledValue(constant: .object([:])),
            mapper: CompiledValue(constant: .object([:])), flags: CompiledValue(constant: .object([:])), filter: compileFilter(filter, available: available), onerror: [],
            pointer: merge.pointer
        )
    }

    /// Every module id in `flow`, nested flows included.
    static func ids(in flow: [BlueprintNode]) -> [Int] {
        flow.flatMap { node in
            [node.id] + node.routes.flatMap { ids(in: $0.flow) } + node.branches.flatMap { ids(in: $0.flow) } + ids(in: node.onerror)
        }
    }
}

import RefineryJSON

extension BlueprintDecoder {
    /// `builtin:BasicIfElse`'s `branches`: `{type: "condition", label, conditions, merge, flow}` and
    /// `{type: "else", merge, flow}`. A branch exported with `"disabled": true` never runs.
    mutating func decodeBranches(at pointer: JSONPointer) -> [BlueprintBranch] {
        guard let items = array(at: pointer, required: false) else { return [] }
        return items.indices.compactMap { index in
            let branchPointer = pointer.appending(index)
            guard let branch = object(at: branchPointer, required: true) else { return nil }
            if branch["disabled"]?.boolValue == true { return nil }
            let type = string(at: branchPointer.appending("type"), required: false) ?? "condition"
            guard ["condition", "else"].contains(type) else {
                report("scenario.invalid-branch", EngineMessages.unknownBranchType(type), at: branchPointer.appending("type"))
                return nil
            }
            let isElse = type == "else"
            return BlueprintBranch(
                label: branch["label"]?.stringValue ?? "",
                isElse: isElse,
                condition: isElse ? nil : decodeFilter(at: branchPointer),
                merges: bool(at: branchPointer.appending("merge")) ?? false,
                flow: nodes(at: branchPointer.appending("flow"), required: false),
                pointer: branchPointer
            )
        }
    }

    /// `builtin:BasicMerge`'s `outputs` and per-branch `filters`.
    mutating func decodeMerge(at pointer: JSONPointer) -> BlueprintMerge {
        let outputsPointer = pointer.appending("outputs")
        let outputs = (array(at: outputsPointer, required: false) ?? []).indices.compactMap { index -> BlueprintMerge.Output? in
            let outputPointer = outputsPointer.appending(index)
            guard object(at: outputPointer, required: true) != nil,
                  let name = string(at: outputPointer.appending("name"), required: true) else { return nil }
            let mappings = array(at: outputPointer.appending("mappings"), required: false) ?? []
            return BlueprintMerge.Output(name: name, mappings: mappings, pointer: outputPointer)
        }
        let filtersPointer = pointer.appending("filters")
        let filters = (array(at: filtersPointer, required: false) ?? []).indices.map { decodeFilter(at: filtersPointer.appending($0)) }
        return BlueprintMerge(outputs: outputs, filters: filters)
    }
}

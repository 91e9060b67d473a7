import RefineryJSON

/// When `util:FunctionIncrement` starts again from 1: its `parameters.reset` as exported (Make's
/// "Reset a value").
enum IncrementReset: String, CaseIterable {
    /// "After one cycle".
    case run
    /// "After one scenario run": one `refinery run` (or one retry of an incomplete execution).
    case execution
    /// "Never": the value is kept in the scenario's state, committed with the trigger position.
    case scenario
}

extension RunExecution {
    /// `{i}`: the module's counter, one more than the last call in its reset scope (1 on the first).
    func increment(_ node: PlanNode, scope: BundleScope) throws(ModuleError) -> JSONValue {
        let given = try evaluateObject(node.parameters, scope)["reset"] ?? .null
        guard let reset = IncrementReset(rawValue: FilterOperands.text(given).lowercased()) else {
            throw ModuleError(.data, code: "builtin.invalid-reset", message: EngineMessages.invalidReset(FilterOperands.text(given)))
        }
        let value: Int
        switch reset {
        case .run:
            value = (cycleCounters[node.id] ?? 0) + 1
            cycleCounters[node.id] = value
        case .execution:
            value = (executionCounters[node.id] ?? 0) + 1
            executionCounters[node.id] = value
        case .scenario:
            value = (scenarioCounters[node.id] ?? 0) + 1
            scenarioCounters[node.id] = value
        }
        return ["i": .int(value)]
    }
}

import RefineryJSON

extension RunExecution {
    /// The output bundles of a built-in module (aggregators and routers are handled by the flow).
    func runBuiltin(_ node: PlanNode, scope: BundleScope) throws(ModuleError) -> [JSONValue] {
        let mapper = try evaluateObject(node.mapper, scope)
        switch node.kind {
        case .repeater: return try repetitions(mapper)
        case .setVariable:
            let name = FilterOperands.text(mapper["name"] ?? .null)
            let value = mapper["value"] ?? .null
            store([(name, value)], scope: mapper["scope"])
            return [.object([name: value])]
        case .setVariables:
            let pairs = (mapper["variables"]?.arrayValue ?? []).map { item in
                (FilterOperands.text(item["name"] ?? .null), item["value"] ?? .null)
            }
            store(pairs, scope: mapper["scope"])
            return [.object(JSONObject(pairs))]
        case .getVariable:
            let name = FilterOperands.text(mapper["name"] ?? .null)
            return [.object([name: variable(name)])]
        case .getVariables:
            let names = (mapper["variables"]?.arrayValue ?? []).map { FilterOperands.text($0["name"] ?? $0) }
            return [.object(JSONObject(names.map { ($0, variable($0)) }))]
        case .merge(let outputs):
            return [try merged(outputs, scope: scope)]
        default:
            return []
        }
    }

    /// Iterator: how many bundles `array` gives (null gives none).
    func iterationCount(_ array: JSONValue, module: String) throws(ModuleError) -> Int {
        if array.isNull { return 0 }
        guard let items = array.arrayValue else {
            throw ModuleError(.data, code: "scenario.not-an-array", message: EngineMessages.notAnArray(module, found: array.typeName))
        }
        return items.count
    }

    /// Iterator bundle `index`: an object keeps its fields, another value becomes `value`; both get
    /// `__IMTINDEX__` (1-based) and `__IMTLENGTH__`.
    static func iterationBundle(_ array: JSONValue, index: Int, count: Int) -> JSONValue {
        let item = array[index] ?? .null
        var bundle = item.objectValue ?? ["value": item]
        bundle["__IMTINDEX__"] = .int(index + 1)
        bundle["__IMTLENGTH__"] = .int(count)
        return .object(bundle)
    }

    /// Repeater: `repeats` bundles `{i}` from `start` (default 1) by `step` (default 1).
    private func repetitions(_ mapper: JSONObject) throws(ModuleError) -> [JSONValue] {
        let repeats = mapper["repeats"].flatMap(FilterOperands.number)
        guard let repeats, repeats >= 0, repeats <= 10_000 else {
            throw ModuleError(.data, code: "scenario.invalid-repeats", message: EngineMessages.invalidRepeats(FilterOperands.text(mapper["repeats"] ?? .null)))
        }
        let start = mapper["start"].flatMap(FilterOperands.number) ?? 1
        let step = mapper["step"].flatMap(FilterOperands.number) ?? 1
        return (0..<Int(repeats)).map { index in
            let value = start + Double(index) * step
            return ["i": Int(exactly: value).map { .int($0) } ?? .double(value)]
        }
    }

    /// `roundtrip` variables live for one cycle (the default), `execution` ones for the whole run.
    private func store(_ pairs: [(String, JSONValue)], scope: JSONValue?) {
        let execution = scope?.stringValue == "execution"
        for (name, value) in pairs {
            if execution { executionVariables[name] = value } else { cycleVariables[name] = value }
        }
    }

    private func variable(_ name: String) -> JSONValue {
        cycleVariables[name] ?? executionVariables[name] ?? .null
    }
}

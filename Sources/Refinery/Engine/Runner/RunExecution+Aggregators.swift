import RefineryJSON

extension RunExecution {
    /// A bundle reached an aggregator: add its mapped item to the collector of the current feeder run,
    /// in the group its `groupBy` names.
    func collect(_ node: PlanNode, scope: BundleScope) throws {
        guard let feeder = node.kind.aggregatorFeeder else { return }
        var mapper = try evaluateObject(node.mapper, scope)
        let key = try groupKey(node, mapper: &mapper, scope: scope)
        let item: JSONValue
        switch node.kind {
        case .textAggregator: item = .string(FilterOperands.text(mapper["value"] ?? .null))
        case .numericAggregator: item = mapper["value"] ?? .null
        case .tableAggregator: item = .array(mapper.values.map { .string(FilterOperands.text($0)) })
        default: item = mapper.isEmpty ? scope[String(feeder)] ?? .null : .object(mapper)
        }
        collectors[node.id, default: Collector()].add(item, key: key)
    }

    /// `flags.groupBy` as Make exports it; else `groupBy` in the mapper (taken out of the aggregated
    /// fields) or in the parameters, as earlier Refinery blueprints wrote it. Null or empty: no group.
    private func groupKey(_ node: PlanNode, mapper: inout JSONObject, scope: BundleScope) throws(ModuleError) -> String? {
        let flags = try evaluateObject(node.flags, scope)
        let group: JSONValue?
        if let flagged = flags["groupBy"] {
            group = flagged
        } else {
            let parameters = try evaluateObject(node.parameters, scope)
            group = mapper.removeValue(forKey: "groupBy") ?? parameters["groupBy"]
        }
        guard let group, !group.isNull else { return nil }
        let key = FilterOperands.text(group)
        return key.isEmpty ? nil : key
    }

    /// The feeder's run is over. Each group becomes one bundle that continues after the aggregator with
    /// the scope the feeder had (the feeder's own bundles stay behind). Nothing collected gives one empty
    /// aggregate, as Make does, unless `stopIfEmpty` is on, the feeder failed, or the feeder is the
    /// polling trigger (a poll that finds nothing runs nothing after it).
    func finishAggregate(_ node: PlanNode, feeder: PlanNode, failed: Bool, scope: BundleScope) async throws {
        let collector = collectors[node.id] ?? Collector()
        collectors[node.id] = nil
        guard collector.groups.isEmpty else { return try await emitAggregate(node, collector.groups, scope: scope) }
        if failed || feeder.id == plan.pollingTrigger?.id || stopsIfEmpty(node, scope: scope) { return }
        try await emitAggregate(node, [(key: nil, items: [])], scope: scope)
    }

    private func stopsIfEmpty(_ node: PlanNode, scope: BundleScope) -> Bool {
        let flags = (try? evaluateObject(node.flags, scope)) ?? [:]
        let parameters = (try? evaluateObject(node.parameters, scope)) ?? [:]
        return (flags["stopIfEmpty"] ?? parameters["stopIfEmpty"]).flatMap(FilterOperands.bool) ?? false
    }

    private func emitAggregate(_ node: PlanNode, _ groups: [(key: String?, items: [JSONValue])], scope: BundleScope) async throws {
        let parameters = (try? evaluateObject(node.parameters, scope)) ?? [:]
        for group in groups {
            try countOperation(node)
            var bundle = JSONObject()
            if let key = group.key { bundle["key"] = .string(key) }
            do {
                try Self.aggregate(node.kind, group.items, parameters: parameters, into: &bundle)
            } catch {
                try await handleFailure(error, of: node, rest: [], scope: scope)
                continue
            }
            bundle["__IMTAGGLENGTH__"] = .int(group.items.count)
            try await forward(.object(bundle), from: node, rest: plan.rest(after: node.id), scope: scope)
        }
    }

    /// The output fields of one group: `array`, `text` (text and table aggregators), `json` or `result`.
    private static func aggregate(
        _ kind: PlanNodeKind, _ items: [JSONValue], parameters: JSONObject, into bundle: inout JSONObject
    ) throws(ModuleError) {
        switch kind {
        case .textAggregator:
            let separator = AggregateText.separator(parameters, "rowSeparator", other: ["otherRowSeparator", "delimiter"], default: "\n")
            bundle["text"] = .string(items.map { $0.stringValue ?? "" }.joined(separator: separator))
        case .tableAggregator:
            bundle["text"] = .string(AggregateText.table(items, parameters: parameters))
        case .jsonAggregator:
            bundle["json"] = .string(text(of: .array(items), space: parameters["space"]))
        case .numericAggregator:
            let given = FilterOperands.text(parameters["fn"] ?? .null)
            guard let function = NumericFunction(rawValue: given.lowercased()) else {
                throw ModuleError(.data, code: "builtin.invalid-function", message: EngineMessages.invalidFunction(given))
            }
            bundle["result"] = function.apply(to: items)
        default:
            bundle["array"] = .array(items)
        }
    }
}

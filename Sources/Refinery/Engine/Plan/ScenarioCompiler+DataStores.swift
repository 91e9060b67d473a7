import RefineryJSON

extension ScenarioCompiler {
    /// A `datastore:*` node: `parameters.datastore` must name a declared store (Make's id or its name),
    /// written as it is; the keys the module needs must be there; a search's static filter operators
    /// must be Make's.
    mutating func dataStoreKind(_ operation: DataStoreOperation, node: BlueprintNode) -> PlanNodeKind? {
        for key in operation.requiredKeys { requireMapperKey(key, in: node) }
        if operation == .search { checkSearchFilter(node) }
        let pointer = node.pointer.appending("parameters")
        guard let reference = node.parameters["datastore"], !reference.isNull, reference != .string("") else {
            report("scenario.missing-field", DataStoreMessages.missingStore(node.module), at: pointer, atKey: true)
            return nil
        }
        if reference.stringValue?.contains("{{") == true {
            report("datastore.unknown-store", DataStoreMessages.dynamicStore(node.module), at: pointer.appending("datastore"))
            return nil
        }
        guard let store = catalog.dataStores.resolve(reference) else {
            let text = reference.stringValue ?? reference.serialized()
            let names = catalog.dataStores.sortedNames
            report(
                "datastore.unknown-store",
                DataStoreMessages.unknownStore(text, suggestion: Suggestion.closest(to: text, in: names), known: names),
                at: pointer.appending("datastore")
            )
            return nil
        }
        return .dataStore(operation, store: store)
    }

    /// Static operators of `mapper.filter` (`[[{a, o, b}]]`) checked as a module filter's are.
    private mutating func checkSearchFilter(_ node: BlueprintNode) {
        let filter = node.pointer.appending("mapper").appending("filter")
        for (groupIndex, group) in (node.mapper["filter"]?.arrayValue ?? []).enumerated() {
            for (index, condition) in (group.arrayValue ?? []).enumerated() {
                guard let name = condition["o"]?.stringValue, !name.contains("{{"), FilterOperator(name) == nil else { continue }
                let hint = Suggestion.closest(to: name, in: FilterOperator.allNames)
                report("scenario.unknown-operator", EngineMessages.unknownOperator(name, suggestion: hint),
                       at: filter.appending(groupIndex).appending(index).appending("o"))
            }
        }
    }
}

import RefineryJSON

/// Step 1 of loading: turns a parsed document into a `Blueprint`, collecting every shape problem (wrong
/// type, missing key) instead of stopping at the first.
struct BlueprintDecoder {
    static let placeholder = "placeholder:Placeholder"
    let document: JSONDocument
    private(set) var diagnostics: [Diagnostic] = []

    init(document: JSONDocument) {
        self.document = document
    }

    mutating func decode() -> Blueprint? {
        guard let root = object(at: .root, required: true) else { return nil }
        let name = root["name"].flatMap(\.stringValue) ?? ""
        let flow = nodes(at: JSONPointer.root.appending("flow"), required: true)
        if let flowArray = root["flow"]?.arrayValue, flowArray.isEmpty {
            report("scenario.empty-flow", EngineMessages.emptyFlow, at: JSONPointer.root.appending("flow"))
        }
        let metadata = JSONPointer.root.appending("metadata")
        let settings = decodeSettings(at: metadata.appending("scenario"))
        let limits = decodeLimits(at: metadata.appending("refinery"))
        let scheduling = decodeScheduling(at: JSONPointer.root.appending("scheduling"))
        return Blueprint(name: name, flow: flow, settings: settings, scheduling: scheduling, limits: limits)
    }

    // MARK: nodes

    mutating func nodes(at pointer: JSONPointer, required: Bool) -> [BlueprintNode] {
        guard let items = array(at: pointer, required: required) else { return [] }
        return items.indices.compactMap { node(at: pointer.appending($0)) }
    }

    private mutating func node(at pointer: JSONPointer) -> BlueprintNode? {
        guard let object = object(at: pointer, required: true) else { return nil }
        if object["module"]?.stringValue == Self.placeholder {
            // An empty slot of Make's editor (often `"id": null`, no version, no mapper): nothing to run.
            diagnostics.append(document.diagnostic(code: "scenario.placeholder", message: EngineMessages.placeholder, at: pointer.appending("module")).asWarning)
            return nil
        }
        let id = int(at: pointer.appending("id"), required: true)
        let module = string(at: pointer.appending("module"), required: true)
        let version = object["version"]?.intValue
        let parameters = self.object(at: pointer.appending("parameters"), required: false) ?? [:]
        let mapper = self.object(at: pointer.appending("mapper"), required: false) ?? [:]
        let flags = self.object(at: pointer.appending("flags"), required: false) ?? [:]
        let filter = decodeFilter(at: pointer.appending("filter"))
        let routes = decodeRoutes(at: pointer.appending("routes"))
        let branches = decodeBranches(at: pointer.appending("branches"))
        let merge = module == BuiltinModule.merge.rawValue ? decodeMerge(at: pointer) : nil
        let onerror = nodes(at: pointer.appending("onerror"), required: false)
        guard let id, let module else { return nil }
        return BlueprintNode(
            id: id, module: module, version: version, parameters: parameters, mapper: mapper, flags: flags,
            filter: filter, routes: routes, branches: branches, merge: merge, onerror: onerror, pointer: pointer
        )
    }

    private mutating func decodeRoutes(at pointer: JSONPointer) -> [BlueprintRoute] {
        guard let items = array(at: pointer, required: false) else { return [] }
        return items.indices.compactMap { index in
            let routePointer = pointer.appending(index)
            guard let route = object(at: routePointer, required: true) else { return nil }
            // A route switched off in Make's editor is exported with `"disabled": true`: it never runs.
            if route["disabled"]?.boolValue == true { return nil }
            let flow = nodes(at: routePointer.appending("flow"), required: true)
            let marker = routePointer.appending("flow").appending(0).appending("filter").appending("fallback")
            let firstFilterFallback = marker.resolve(in: document.value)?.boolValue ?? false
            let isFallback = (route["fallback"]?.boolValue ?? false) || firstFilterFallback
            return BlueprintRoute(flow: flow, isFallback: isFallback, pointer: routePointer)
        }
    }

    // MARK: filters

    mutating func decodeFilter(at pointer: JSONPointer) -> BlueprintFilter? {
        guard let object = object(at: pointer, required: false) else { return nil }
        let groupsPointer = pointer.appending("conditions")
        var groups: [[BlueprintCondition]] = []
        for (groupIndex, _) in (array(at: groupsPointer, required: false) ?? []).enumerated() {
            let groupPointer = groupsPointer.appending(groupIndex)
            let items = array(at: groupPointer, required: true) ?? []
            groups.append(items.indices.compactMap { condition(at: groupPointer.appending($0)) })
        }
        return BlueprintFilter(name: object["name"]?.stringValue, conditions: groups, pointer: pointer)
    }

    private mutating func condition(at pointer: JSONPointer) -> BlueprintCondition? {
        guard let object = object(at: pointer, required: true) else { return nil }
        guard let op = string(at: pointer.appending("o"), required: true) else { return nil }
        return BlueprintCondition(a: object["a"] ?? .null, o: op, b: object["b"], pointer: pointer)
    }
}

// MARK: - Typed reads that report problems

extension BlueprintDecoder {
    mutating func report(_ code: String, _ message: String, at pointer: JSONPointer, atKey: Bool = false) {
        diagnostics.append(document.diagnostic(code: code, message: message, at: pointer, atKey: atKey))
    }

    private mutating func value(at pointer: JSONPointer, required: Bool) -> JSONValue? {
        guard let value = pointer.resolve(in: document.value) else {
            if required, let key = pointer.tokens.last {
                report("scenario.missing-key", EngineMessages.missingKey(key), at: pointer.parent ?? .root)
            }
            return nil
        }
        return value
    }

    private mutating func typed<T>(
        at pointer: JSONPointer, required: Bool, expected: String, _ extract: (JSONValue) -> T?
    ) -> T? {
        guard let value = value(at: pointer, required: required) else { return nil }
        if value.isNull, !required { return nil }
        guard let result = extract(value) else {
            report("scenario.invalid-type", EngineMessages.wrongType(expected: expected, found: value.typeName), at: pointer)
            return nil
        }
        return result
    }

    mutating func object(at pointer: JSONPointer, required: Bool) -> JSONObject? {
        typed(at: pointer, required: required, expected: "an object") { $0.objectValue }
    }

    mutating func array(at pointer: JSONPointer, required: Bool) -> [JSONValue]? {
        typed(at: pointer, required: required, expected: "an array") { $0.arrayValue }
    }

    mutating func int(at pointer: JSONPointer, required: Bool) -> Int? {
        typed(at: pointer, required: required, expected: "an integer") { $0.intValue }
    }

    mutating func string(at pointer: JSONPointer, required: Bool) -> String? {
        typed(at: pointer, required: required, expected: "a string") { $0.stringValue }
    }

    mutating func bool(at pointer: JSONPointer) -> Bool? {
        typed(at: pointer, required: false, expected: "true or false") { $0.boolValue }
    }
}

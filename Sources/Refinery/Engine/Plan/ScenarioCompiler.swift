import IML
public import RefineryJSON

/// Loads a scenario in three steps: decode the blueprint, validate it against the installed modules
/// (collecting every problem), and compile an immutable `ScenarioPlan`.
public struct ScenarioCompiler {
    let document: JSONDocument
    let catalog: ModuleCatalog
    var diagnostics: [Diagnostic] = []
    var seenIds: [Int: JSONPointer] = [:]
    var aggregatorsByFeeder: [Int: [Int]] = [:]
    var settings = ScenarioSettings()

    /// Compiles the blueprint in `bytes`; throws every problem found (duplicate-key warnings included).
    public static func load(file: String, bytes: [UInt8], catalog: ModuleCatalog) throws(ScenarioLoadError) -> ScenarioPlan {
        let document: JSONDocument
        do { document = try JSONDocument(file: file, bytes: bytes) } catch { throw ScenarioLoadError(diagnostics: [error]) }
        var compiler = ScenarioCompiler(document: document, catalog: catalog)
        let plan = compiler.compile()
        let all = document.duplicateKeyDiagnostics + compiler.diagnostics
        guard var plan, !all.hasErrors else { throw ScenarioLoadError(diagnostics: all) }
        plan.warnings = all
        return plan
    }

    init(document: JSONDocument, catalog: ModuleCatalog) {
        self.document = document
        self.catalog = catalog
    }

    mutating func compile() -> ScenarioPlan? {
        var decoder = BlueprintDecoder(document: document)
        let blueprint = decoder.decode()
        diagnostics += decoder.diagnostics
        guard let blueprint else { return nil }
        settings = blueprint.settings
        let flow = compileFlow(blueprint.flow, available: [], isRoot: true)
        var locations: [Int: NodeLocation] = [:]
        Self.locate(flow, into: &locations)
        let inputs = ScenarioInputs.read(from: document)
        diagnostics += inputs.diagnostics
        return ScenarioPlan(
            name: blueprint.name, file: document.source.file, settings: blueprint.settings, limits: blueprint.limits,
            scheduling: blueprint.scheduling, inputs: inputs.inputs, flow: flow, locations: locations, aggregatorsByFeeder: aggregatorsByFeeder,
            document: document
        )
    }

    private static func locate(_ flow: [PlanNode], into locations: inout [Int: NodeLocation]) {
        for (index, node) in flow.enumerated() {
            locations[node.id] = NodeLocation(flow: flow, index: index)
            node.nestedFlows.forEach { locate($0, into: &locations) }
        }
    }

    // MARK: flows

    /// Compiles one flow. `available` is the ids of modules earlier on the path, in order.
    mutating func compileFlow(_ nodes: [BlueprintNode], available: [Int], isRoot: Bool = false, isErrorRoute: Bool = false) -> [PlanNode] {
        var path = available
        var out: [PlanNode] = []
        for (position, node) in nodes.enumerated() {
            checkPlacement(node, position: position, count: nodes.count, isRoot: isRoot, isErrorRoute: isErrorRoute)
            if node.module == BuiltinModule.ifElse.rawValue {
                let following = nodes[(position + 1)...]
                if let compiled = compileIfElse(node, following: following, available: path) { out.append(compiled) }
                // A merge after it takes the rest of the flow into the merging branches.
                if following.first?.module == BuiltinModule.merge.rawValue { return out }
                path.append(node.id)
                continue
            }
            guard let compiled = compileNode(node, available: path) else {
                // Its problem is reported; later references to it are not problems of their own.
                path.append(node.id)
                continue
            }
            out.append(compiled)
            if let feeder = compiled.kind.aggregatorFeeder {
                path = Array(path.prefix { $0 != feeder }) + [compiled.id]
            } else {
                path.append(compiled.id)
            }
        }
        return out
    }

    mutating func compileNode(_ node: BlueprintNode, available: [Int], kind given: PlanNodeKind? = nil) -> PlanNode? {
        noteSeen(node)
        let filter = compileFilter(node.filter, available: available)
        guard let kind = given ?? resolveKind(node, available: available) else { return nil }
        let parameters = compileValue(.object(node.parameters), at: node.pointer.appending("parameters"), available: available)
        let mapper = compileValue(.object(node.mapper), at: node.pointer.appending("mapper"), available: available)
        let flags = compileValue(.object(node.flags), at: node.pointer.appending("flags"), available: available)
        let onerror = compileErrorRoute(node, available: available)
        return PlanNode(
            id: node.id, module: node.module, kind: kind, parameters: parameters, mapper: mapper, flags: flags,
            filter: filter, onerror: onerror, pointer: node.pointer
        )
    }

    /// Records the node's id; a second node with the same id is a problem.
    mutating func noteSeen(_ node: BlueprintNode) {
        if let previous = seenIds[node.id] {
            let line = document.reference(for: previous).0.line.map { " (line \($0))" } ?? ""
            report("scenario.duplicate-id", EngineMessages.duplicateId(node.id, firstLine: line), at: node.pointer.appending("id"))
        }
        seenIds[node.id] = node.pointer
    }

    private mutating func compileErrorRoute(_ node: BlueprintNode, available: [Int]) -> [PlanNode] {
        guard !node.onerror.isEmpty else { return [] }
        if node.module == BuiltinModule.router.rawValue || node.module.hasPrefix("builtin:") && ErrorDirective(rawValue: node.module) != nil {
            report("scenario.misplaced-error-route", EngineMessages.errorRouteOnRouter(node.module), at: node.pointer.appending("onerror"), atKey: true)
        }
        return compileFlow(node.onerror, available: available + [node.id], isErrorRoute: true)
    }

    private mutating func checkPlacement(_ node: BlueprintNode, position: Int, count: Int, isRoot: Bool, isErrorRoute: Bool) {
        if ErrorDirective(rawValue: node.module) != nil, !(isErrorRoute && position == count - 1) {
            report("scenario.misplaced-directive", EngineMessages.misplacedDirective(node.module), at: node.pointer.appending("module"))
        }
        if node.module == ErrorDirective.breakExecution.rawValue, !settings.dlq {
            diagnostics.append(document.diagnostic(code: "scenario.break-without-dlq", message: EngineMessages.breakWithoutDLQ, at: node.pointer.appending("module")).asWarning)
        }
        if let module = catalog[node.module], [.trigger, .instantTrigger].contains(module.descriptor.kind), !(isRoot && position == 0) {
            report("scenario.misplaced-trigger", EngineMessages.misplacedTrigger(node.module), at: node.pointer.appending("module"))
        }
    }

    // MARK: values and filters

    mutating func compileValue(_ value: JSONValue, at pointer: JSONPointer, available: [Int]) -> CompiledValue {
        var problems: [IMLTreeError.Entry] = []
        let compiled = CompiledValue.compile(value, at: pointer, problems: &problems)
        for problem in problems {
            diagnostics.append(problem.error.diagnostic(in: document, at: problem.pointer, atKey: problem.isKey))
        }
        checkReferences(value, at: pointer, available: available)
        return compiled
    }

    mutating func compileFilter(_ filter: BlueprintFilter?, available: [Int]) -> FilterPlan? {
        guard let filter else { return nil }
        let groups = filter.conditions.map { group in
            group.compactMap { condition -> ConditionPlan? in
                let a = compileValue(condition.a, at: condition.pointer.appending("a"), available: available)
                guard let op = FilterOperator(condition.o) else {
                    let hint = Suggestion.closest(to: condition.o, in: FilterOperator.allNames)
                    report("scenario.unknown-operator", EngineMessages.unknownOperator(condition.o, suggestion: hint), at: condition.pointer.appending("o"))
                    return nil
                }
                let b = condition.b.map { compileValue($0, at: condition.pointer.appending("b"), available: available) }
                return ConditionPlan(a: a, op: op, b: op.isUnary ? nil : (b ?? CompiledValue(constant: .null)))
            }
        }
        return FilterPlan(name: filter.name, groups: groups)
    }

    mutating func report(_ code: String, _ message: String, at pointer: JSONPointer, atKey: Bool = false, notes: [String] = []) {
        diagnostics.append(document.diagnostic(code: code, message: message, at: pointer, atKey: atKey, notes: notes))
    }
}

/// Every problem that kept a scenario from loading.
public struct ScenarioLoadError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension Diagnostic {
    var asWarning: Diagnostic {
        var copy = self
        copy.severity = .warning
        return copy
    }
}

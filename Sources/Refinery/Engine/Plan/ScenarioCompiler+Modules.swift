import RefineryJSON

extension ScenarioCompiler {
    /// What the node's `module` names: a built-in, a directive or an installed app module.
    mutating func resolveKind(_ node: BlueprintNode, available: [Int]) -> PlanNodeKind? {
        if let directive = ErrorDirective(rawValue: node.module) { return .directive(directive) }
        if let builtin = BuiltinModule(rawValue: node.module) { return builtinKind(builtin, node: node, available: available) }
        if let operation = DataStoreOperation(rawValue: node.module) { return dataStoreKind(operation, node: node) }
        guard let module = catalog[node.module] else {
            reportUnknownModule(node)
            return nil
        }
        checkFields(node, descriptor: module.descriptor)
        if !node.routes.isEmpty {
            report("scenario.unexpected-routes", EngineMessages.routesOnNonRouter(node.module), at: node.pointer.appending("routes"), atKey: true)
        }
        return .app(module, module.descriptor)
    }

    /// One problem per unknown module (references to it further on are not problems of their own). A
    /// module of an app that is not installed at all (`slack:CreateMessage`) names the app, and gets no
    /// "did you mean" from another app.
    private mutating func reportUnknownModule(_ node: BlueprintNode) {
        let candidates = catalog.names + BuiltinModule.allNames
        let apps = Set(candidates.compactMap { $0.split(separator: ":").first.map(String.init) })
        let app = node.module.split(separator: ":", maxSplits: 1).first.map(String.init) ?? node.module
        let message: String
        if node.module.contains(":"), !apps.contains(app) {
            message = EngineMessages.unknownApp(node.module, app: app, installed: apps.sorted())
        } else {
            let hint = Suggestion.closest(to: node.module, in: candidates)
                ?? Suggestion.closest(to: node.module.split(separator: ":").last.map(String.init) ?? "", in: candidates)
            message = EngineMessages.unknownModule(node.module, suggestion: hint)
        }
        report("scenario.unknown-module", message, at: node.pointer.appending("module"))
    }

    private mutating func builtinKind(_ builtin: BuiltinModule, node: BlueprintNode, available: [Int]) -> PlanNodeKind? {
        switch builtin {
        case .router:
            if node.routes.isEmpty {
                report("scenario.missing-routes", EngineMessages.routerWithoutRoutes, at: node.pointer)
            }
            if node.routes.filter(\.isFallback).count > 1 {
                report("scenario.invalid-route", EngineMessages.severalFallbacks, at: node.pointer.appending("routes"))
            }
            let routes = node.routes.map { route in
                PlanRoute(flow: compileFlow(route.flow, available: available + [node.id]), isFallback: route.isFallback)
            }
            return .router(routes)
        case .ifElse:
            return .ifElse([])  // compiled with its branches by `compileIfElse`
        case .merge:
            report("scenario.misplaced-merge", EngineMessages.mergeWithoutIfElse, at: node.pointer.appending("module"))
            return nil
        case .aggregator, .textAggregator, .jsonAggregator, .numericAggregator, .tableAggregator:
            guard let feeder = checkFeeder(node, available: available) else { return nil }
            aggregatorsByFeeder[feeder, default: []].append(node.id)
            return aggregatorKind(builtin, feeder: feeder, node: node)
        case .feeder:
            requireMapperKey("array", in: node)
            return .feeder
        case .setVariable, .setVariable2:
            requireMapperKey("name", in: node)
            return .setVariable
        case .getVariable, .getVariable2:
            requireMapperKey("name", in: node)
            return .getVariable
        case .setVariables: return .setVariables
        case .getVariables: return .getVariables
        case .repeater:
            requireMapperKey("repeats", in: node)
            return .repeater
        case .compose: return .tool(.compose)
        case .sleep:
            requireMapperKey("duration", in: node)
            return .tool(.sleep)
        case .switcher:
            requireMapperKey("input", in: node)
            return .tool(.switcher)
        case .parseJSON:
            requireMapperKey("json", in: node)
            return .tool(.parseJSON)
        case .createJSON: return .tool(.createJSON)
        case .transformToJSON:
            requireMapperKey("object", in: node)
            return .tool(.transformToJSON)
        case .webhookRespond: return .tool(.webhookRespond)
        case .increment:
            checkChoice("reset", of: node, among: IncrementReset.allCases.map(\.rawValue))
            return .tool(.increment)
        case .textParser, .advancedTextParser, .textReplace, .htmlToText: return textParserKind(builtin, node: node)
        }
    }

    private mutating func aggregatorKind(_ builtin: BuiltinModule, feeder: Int, node: BlueprintNode) -> PlanNodeKind {
        switch builtin {
        case .textAggregator: return .textAggregator(feeder: feeder)
        case .jsonAggregator: return .jsonAggregator(feeder: feeder)
        case .tableAggregator: return .tableAggregator(feeder: feeder)
        case .numericAggregator:
            checkChoice("fn", of: node, among: NumericFunction.allCases.map(\.rawValue))
            return .numericAggregator(feeder: feeder)
        default: return .aggregator(feeder: feeder)
        }
    }

    /// A required parameter that picks one of `choices` (`fn` of the numeric aggregator, `reset` of the
    /// increment function): missing, or written as something else (case aside), is a problem at load.
    private mutating func checkChoice(_ key: String, of node: BlueprintNode, among choices: [String]) {
        let pointer = node.pointer.appending("parameters")
        guard let value = node.parameters[key], !value.isNull else {
            report("scenario.missing-field", EngineMessages.missingField(key, module: node.module), at: pointer, atKey: true)
            return
        }
        let text = FilterOperands.text(value)
        guard !text.contains("{{"), !choices.contains(text.lowercased()) else { return }
        report("scenario.invalid-value", EngineMessages.invalidChoice(key, module: node.module, found: text, choices: choices), at: pointer.appending(key))
    }

    private mutating func checkFeeder(_ node: BlueprintNode, available: [Int]) -> Int? {
        let pointer = node.pointer.appending("parameters").appending("feeder")
        guard let feeder = node.parameters["feeder"]?.intValue else {
            report("scenario.missing-field", EngineMessages.missingFeeder(node.module), at: node.pointer.appending("parameters"))
            return nil
        }
        guard available.contains(feeder) else {
            report("scenario.invalid-feeder", EngineMessages.feederNotUpstream(feeder, aggregator: node.id), at: pointer)
            return nil
        }
        return feeder
    }

    mutating func requireMapperKey(_ key: String, in node: BlueprintNode) {
        if node.mapper[key] == nil {
            report("scenario.missing-field", EngineMessages.missingField(key, module: node.module), at: node.pointer.appending("mapper"), atKey: true)
        }
    }

    /// Mapper and parameter keys the module does not declare, and required fields that are missing.
    private mutating func checkFields(_ node: BlueprintNode, descriptor: ModuleDescriptor) {
        let declared = descriptor.parameters + descriptor.expect
        let names = Set(declared.map(\.name))
        for (section, values) in [("parameters", node.parameters), ("mapper", node.mapper)] {
            for key in values.keys where !key.hasPrefix("__IMT") && !names.contains(key) {
                if section == "mapper", descriptor.acceptsUndeclaredFields { continue }
                let hint = Suggestion.closest(to: key, in: names.sorted())
                report(
                    "scenario.unknown-field", EngineMessages.unknownField(key, module: node.module, suggestion: hint),
                    at: node.pointer.appending(section).appending(key), atKey: true
                )
            }
        }
        checkStaticValues(node, declared: declared)
        for field in declared where field.required && field.defaultValue == nil {
            let given = node.parameters[field.name] ?? node.mapper[field.name]
            if given == nil || given == .null || given == .string("") {
                report("scenario.missing-field", EngineMessages.missingField(field.name, module: node.module), at: node.pointer)
            }
        }
    }

    /// Values written as they are (no `{{ }}` anywhere in them) checked against their field's spec, as the
    /// run would check them, so `"limit": "ten"` or `"tags": "detractor"` is a problem before anything runs.
    private mutating func checkStaticValues(_ node: BlueprintNode, declared: [FieldDeclaration]) {
        let specs = Dictionary(declared.compactMap { field in field.spec.map { (field.name, $0) } }) { first, _ in first }
        for (section, values) in [("parameters", node.parameters), ("mapper", node.mapper)] {
            for (key, value) in values {
                guard let spec = specs[key], !value.isNull, !Self.holdsTemplate(value) else { continue }
                var validator = InputValidator(module: node.module)
                _ = validator.check(value, against: spec, path: key)
                for failure in validator.failures {
                    report("scenario.invalid-value", failure.message, at: node.pointer.appending(section).appending(key))
                }
            }
        }
    }

    private static func holdsTemplate(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text.contains("{{")
        case .array(let items): items.contains(where: holdsTemplate)
        case .object(let object): object.contains { $0.key.contains("{{") || holdsTemplate($0.value) }
        default: false
        }
    }
}

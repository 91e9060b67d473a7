import RefineryJSON

extension SpecReader {
    public static let moduleKeys = ["$schema", "name", "label", "description", "type", "destructive", "parameters", "expect", "constraints",
                             "communication", "epoch", "webhook", "interface", "samples", "version"]
    public static let webhookKeys = ["label", "event", "auth", "condition", "iterate", "output", "respond", "verification"]

    /// A module file; `fileName` is its name without `.json`, which must equal `name`.
    public mutating func module(fileName: String) -> ModuleDefinition? {
        let root = JSONPointer.root
        guard let object = object(document.value, at: root, allowed: Self.moduleKeys, what: "a module") else { return nil }
        let name = string(object, "name", at: root, required: true, what: "the module") ?? fileName
        if name != fileName { report("module.name-mismatch", SpecMessages.nameMismatch(name, file: fileName), at: root.appending("name")) }
        let label = string(object, "label", at: root, required: true, what: "the module") ?? name
        let kindName = choice(object, "type", at: root, choices: ModuleKind.allCases.map(\.rawValue), required: true, what: "the module",
                              code: "module.unknown-type")
        guard let kind = kindName.flatMap(ModuleKind.init(rawValue:)) else { return nil }
        var module = ModuleDefinition(name: name, label: label, kind: kind, file: document.source.file)
        module.description = string(object, "description", at: root, what: "the module")
        module.destructive = bool(object, "destructive", at: root) ?? false
        module.parameters = fields(object["parameters"], at: root.appending("parameters"), what: "'parameters'")
        module.expect = fields(object["expect"], at: root.appending("expect"), what: "'expect'")
        module.interface = fields(object["interface"], at: root.appending("interface"), what: "'interface'")
        module.constraints = constraints(object["constraints"], at: root.appending("constraints"), known: module.inputFields.map(\.name))
        module.communication = communication(object["communication"], at: root.appending("communication"), kind: kind)
        if let epoch = object["epoch"] { module.epoch = request(epoch, at: root.appending("epoch"), place: .epoch) }
        if let webhook = object["webhook"] { module.webhook = self.webhook(webhook, at: root.appending("webhook")) }
        module.samples = object["samples"]
        checkKind(module, object: object)
        return module
    }

    mutating func checkKind(_ module: ModuleDefinition, object: JSONObject) {
        let root = JSONPointer.root
        if module.kind == .instantTrigger, module.webhook == nil {
            report("module.missing-field", "an instant trigger needs a 'webhook'", at: root.appending("type"))
        }
        if module.kind != .instantTrigger, object["webhook"] != nil {
            report("module.not-allowed", "only instant triggers take a 'webhook'", at: root.appending("webhook"), atKey: true)
        }
        if module.kind != .trigger, object["epoch"] != nil {
            report("module.not-allowed", "only polling triggers take an 'epoch'", at: root.appending("epoch"), atKey: true)
        }
        if module.kind != .instantTrigger, module.kind != .responder, object["communication"] == nil {
            report("module.missing-field", "a \(module.kind.rawValue) needs a 'communication'", at: root)
        }
        let names = Set(module.parameters.map(\.name))
        for (index, field) in module.expect.enumerated() where names.contains(field.name) {
            report("module.duplicate-field", "field '\(field.name)' is both in 'parameters' and 'expect'", at: root.appending("expect").appending(index))
        }
    }

    mutating func constraints(_ value: JSONValue?, at pointer: JSONPointer, known: [String]) -> [InputConstraint] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'constraints'", expected: "an array", found: value), at: pointer)
            return []
        }
        return items.enumerated().compactMap { index, item in
            let itemPointer = pointer.appending(index)
            guard let object = object(item, at: itemPointer, allowed: ["type", "fields"], what: "a constraint"),
                  let kind = choice(object, "type", at: itemPointer, choices: InputConstraint.Kind.allCases.map(\.rawValue), required: true, what: "a constraint"),
                  let fields = array(object, "fields", at: itemPointer) else { return nil }
            let names = fields.compactMap(\.stringValue)
            for (position, name) in names.enumerated() where !known.contains(name) {
                report("module.unknown-field", "constraint names unknown field '\(name)'\(SpecMessages.didYouMean(Suggestion.closest(to: name, in: known)))",
                       at: itemPointer.appending("fields").appending(position))
            }
            if names.count < 2 { report("module.invalid-value", "a constraint needs at least two fields", at: itemPointer.appending("fields")) }
            return InputConstraint(kind: InputConstraint.Kind(rawValue: kind) ?? .anyOf, fields: names)
        }
    }

    mutating func webhook(_ value: JSONValue, at pointer: JSONPointer) -> WebhookSpec? {
        guard let object = object(value, at: pointer, allowed: Self.webhookKeys, what: "'webhook'") else { return nil }
        var spec = WebhookSpec()
        spec.label = string(object, "label", at: pointer, what: "'webhook'")
        spec.event = string(object, "event", at: pointer, what: "'webhook'")
        spec.auth = choice(object, "auth", at: pointer, choices: ["bearer", "none"], what: "'webhook'") ?? "bearer"
        spec.condition = slot(object, "condition", at: pointer)
        spec.iterate = slot(object, "iterate", at: pointer)
        spec.output = slot(object, "output", at: pointer)
        spec.respond = slot(object, "respond", at: pointer)
        return spec
    }
}

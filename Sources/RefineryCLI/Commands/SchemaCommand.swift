import Refinery
import RefineryJSON

/// `refinery schema APP:MODULE`: a module's input and output fields.
struct SchemaCommand: Command {
    static let spec = CommandSpec(
        name: "schema",
        summary: "Show a module's input and output fields.",
        discussion: "With --json, the input and the output bundle as JSON Schema (2020-12).",
        positionals: [.init("APP:MODULE", help: "The module, e.g. refiner:listContacts.")],
        options: [InstalledApps.modulesOption, .init("json", help: "Print JSON Schema on stdout.")],
        examples: ["refinery schema refiner:listContacts", "refinery schema refiner:identifyUser --json"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let catalog = try InstalledApps.load(arguments, context: context)
        let (app, module) = try catalog.module(arguments.positionals.first ?? "")
        if arguments.flag("json") {
            context.console.out(module.jsonSchema(app: app.name).serialized(.pretty) + "\n")
            return .success
        }
        var text = "\(app.name):\(module.name): \(module.label) (\(module.kind.rawValue))\(module.destructive ? ", destructive" : "")\n"
        if let description = module.description { text += "\(description)\n" }
        text += "\nInput:\n" + Self.fields(module.inputFields, indent: "  ")
        for constraint in module.constraints {
            text += "  (\(constraint.kind == .anyOf ? "at least one of" : "exactly one of") \(constraint.fields.joined(separator: ", ")))\n"
        }
        text += "\nOutput:\n" + Self.fields(module.interface, indent: "  ")
        context.console.out(text)
        return .success
    }

    static func fields(_ fields: [FieldSpec], indent: String) -> String {
        guard !fields.isEmpty else { return indent + "(none)\n" }
        return fields.map { field in
            var line = "\(indent)\(field.name): \(describe(field))"
            if field.required { line += ", required" }
            if let value = field.defaultValue { line += ", default \(value.serialized())" }
            if let label = field.label { line += "  \(label)" }
            if let help = field.help { line += ". \(help)" }
            var text = line + "\n"
            if let nested = field.nestedFields { text += Self.fields(nested, indent: indent + "  ") }
            return text
        }.joined()
    }

    static func describe(_ field: FieldSpec) -> String {
        var text = field.type.rawValue
        if field.type == .select { text += " (\(field.options.map { $0.value.serialized() }.joined(separator: " | ")))" }
        if case .item(let item) = field.nested { text += " of \(item.type.rawValue)" }
        let rules = field.rules
        var parts: [String] = []
        if let min = rules.min { parts.append("min \(min.formatted)") }
        if let max = rules.max { parts.append("max \(max.formatted)") }
        if let maxLength = rules.maxLength { parts.append("max \(maxLength) characters") }
        if let pattern = rules.pattern { parts.append("pattern \(pattern)") }
        if let maxItems = rules.maxItems { parts.append("at most \(maxItems) items") }
        if field.secret { parts.append("secret") }
        return parts.isEmpty ? text : text + " [" + parts.joined(separator: ", ") + "]"
    }
}

extension Double {
    var formatted: String { rounded() == self && abs(self) < 1e15 ? String(Int(self)) : description }
}

import Foundation
import Refinery
import RefineryJSON

/// `refinery modules [APP]`: the installed apps and their modules, with kinds.
struct ModulesCommand: Command {
    static let spec = CommandSpec(
        name: "modules",
        summary: "List the installed apps, where each came from, and their modules.",
        discussion: """
        Each app with where it came from (built in, or its folder), then each module with its kind (trigger,
        instant_trigger, action, search, universal) and label; destructive ones are marked.
        """,
        positionals: [.init("APP", optional: true, help: "Only this app.")],
        options: [InstalledApps.modulesOption, .init("json", help: "Print one JSON document on stdout.")],
        examples: ["refinery modules", "refinery modules refiner --json"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let catalog = try InstalledApps.load(arguments, context: context)
        context.report(catalog.diagnostics)
        var apps = catalog.apps
        if let name = arguments.positionals.first {
            apps = apps.filter { $0.name == name }
            if apps.isEmpty { throw UsageError(CLIMessages.unknownApp(name, known: catalog.apps.map(\.name))) }
        }
        if arguments.flag("json") {
            context.console.out(JSONValue.array(apps.map { Self.json($0, origin: catalog.origins[$0.name]) }).serialized(.pretty) + "\n")
        } else {
            context.console.out(apps.map { Self.text($0, origin: catalog.origins[$0.name]) }.joined(separator: "\n"))
        }
        return catalog.diagnostics.hasErrors ? .dataError : .success
    }

    static func text(_ app: AppDefinition, origin: InstalledApps.AppOrigin?) -> String {
        let modules = app.moduleNames.compactMap { app.modules[$0] }
        let width = modules.map { $0.name.count }.max() ?? 0
        let kindWidth = modules.map { $0.kind.rawValue.count }.max() ?? 0
        var lines = ["\(app.name) (\(app.label) \(app.version)): \(modules.count) modules" + (origin.map { ", \(CLIMessages.appOrigin($0))" } ?? "")]
        for module in modules {
            let name = module.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let kind = module.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0)
            lines.append("  \(app.name):\(name)  \(kind)  \(module.label)\(module.destructive ? "  [destructive]" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ app: AppDefinition, origin: InstalledApps.AppOrigin?) -> JSONValue {
        let modules = app.moduleNames.compactMap { app.modules[$0] }.map { module -> JSONValue in
            ["name": .string("\(app.name):\(module.name)"), "kind": .string(module.kind.rawValue), "label": .string(module.label),
             "destructive": .bool(module.destructive)]
        }
        return ["name": .string(app.name), "label": .string(app.label), "version": .string(app.version),
                "origin": origin.map { .string($0.text) } ?? .null, "modules": .array(modules)]
    }
}

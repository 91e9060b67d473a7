import Foundation
import Refinery
import RefineryJSON

/// The installed apps (`modules/<app>/`), loaded for the module commands.
struct InstalledApps {
    let apps: [AppDefinition]
    let diagnostics: [Diagnostic]

    static let modulesOption = CommandSpec.Option("modules", value: "DIR", help: "Where the apps are (default: modules).")

    /// Loads every app under `--modules` (default `modules` in the working directory).
    static func load(_ arguments: ParsedArguments, context: CommandContext) -> InstalledApps {
        let folder = arguments.value("modules") ?? "modules"
        let path = folder.hasPrefix("/") ? folder : (context.workingDirectory as NSString).appendingPathComponent(folder)
        let (apps, diagnostics) = AppLoader.loadAll(modulesDirectory: path)
        return InstalledApps(apps: apps, diagnostics: diagnostics)
    }

    /// `app:module`, or a usage error with a suggestion.
    func module(_ reference: String) throws(UsageError) -> (AppDefinition, ModuleDefinition) {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw UsageError(CLIMessages.moduleReference(reference)) }
        guard let app = apps.first(where: { $0.name == parts[0] }) else {
            throw UsageError(CLIMessages.unknownApp(parts[0], known: apps.map(\.name)))
        }
        guard let module = app.modules[parts[1]] else {
            throw UsageError(CLIMessages.unknownModule(parts[1], app: app.name, known: app.moduleNames))
        }
        return (app, module)
    }
}

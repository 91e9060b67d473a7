import Foundation
import Refinery
import RefineryJSON

/// The installed apps, loaded for the module commands: the ones built in, then the folders of
/// `AppSearchPath` in order; a later app of the same name replaces an earlier one as a whole.
struct InstalledApps {
    let apps: [AppDefinition]
    let diagnostics: [Diagnostic]
    /// Where each app (by name) came from.
    let origins: [String: AppOrigin]

    enum AppOrigin: Equatable {
        case builtIn
        /// The app's folder.
        case folder(String)

        var text: String {
            switch self {
            case .builtIn: "built in"
            case .folder(let path): path
            }
        }
    }

    static let modulesOption = CommandSpec.Option(
        "modules", value: "DIR", repeats: true, help: "Also load the apps in DIR (repeatable; a later app of the same name wins)."
    )

    /// Loads the built-in apps, then every folder of the search path (`modules/` found upward from
    /// `near`, the scenario, or from the working directory; `REFINERY_MODULES`; every `--modules`). A
    /// folder named explicitly that does not exist is a usage error.
    static func load(_ arguments: ParsedArguments, context: CommandContext, near: String? = nil) throws(UsageError) -> InstalledApps {
        let folders = try AppSearchPath(arguments, context: context, near: near).folders
        var collected = Collection()
        for embedded in EmbeddedApps.apps {
            let files = embedded.files.map { AppLoader.File(name: $0.name, bytes: Array($0.text.utf8)) }
            collected.add(AppLoader.load(files: files, directory: "<built-in>/\(embedded.name)"), origin: .builtIn)
        }
        for folder in folders {
            for (directory, loaded) in AppLoader.loadEach(modulesDirectory: folder) {
                collected.add(loaded, origin: .folder(directory))
            }
        }
        return collected.installed
    }

    /// Apps by name as they are added, each with its own problems, so that an app replaced by a later
    /// one takes its problems with it.
    private struct Collection {
        var apps: [String: (app: AppDefinition, diagnostics: [Diagnostic], origin: AppOrigin)] = [:]
        /// Problems of folders that gave no app (an unreadable `app.json`).
        var loose: [Diagnostic] = []

        mutating func add(_ loaded: (app: AppDefinition?, diagnostics: [Diagnostic]), origin: AppOrigin) {
            guard let app = loaded.app else { return loose += loaded.diagnostics }
            apps[app.name] = (app, loaded.diagnostics, origin)
        }

        var installed: InstalledApps {
            let names = apps.keys.sorted()
            return InstalledApps(
                apps: names.compactMap { apps[$0]?.app },
                diagnostics: loose + names.flatMap { apps[$0]?.diagnostics ?? [] },
                origins: apps.mapValues(\.origin)
            )
        }
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

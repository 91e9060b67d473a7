import Foundation
import Refinery
import RefineryJSON

/// `refinery validate PATH...`: reports every problem in every file, before anything runs.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: "Check modules and scenarios and report every problem.",
        discussion: """
        Files and folders (searched recursively for .json files). Every problem is reported as
        file#pointer:line:column with its code; the exit code is 65 when there is any error.
        """,
        positionals: [.init("PATH", repeats: true, help: "A file or a folder to check.")],
        options: [
            .init("quiet", short: "q", help: "Print only the problems, not the summary."),
            InstalledApps.modulesOption,
        ],
        examples: ["refinery validate modules scenarios"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let collector = FileCollector(workingDirectory: context.workingDirectory)
        let files = try collector.collect(arguments.positionals)
        var diagnostics: [Diagnostic] = []
        var scenarioCatalog: ModuleCatalog?
        let catalog = {
            if let scenarioCatalog { return scenarioCatalog }
            let made = ScenarioSource.validationCatalog(InstalledApps.load(arguments, context: context).apps)
            scenarioCatalog = made
            return made
        }
        for file in files {
            diagnostics += Self.check(file: file, absolutePath: collector.resolve(file), scenarioCatalog: catalog)
        }
        context.report(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        if !arguments.flag("quiet") {
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            context.console.err(CLIMessages.validateSummary(files: files.count, errors: errors, warnings: warnings))
        }
        return errors > 0 ? .dataError : .success
    }

    /// Every problem in one file: an app or module file, a scenario (an object with a `flow`), or any JSON.
    static func check(file: String, absolutePath: String, scenarioCatalog: () -> ModuleCatalog) -> [Diagnostic] {
        if let problems = AppLoader.validate(file: file, absolutePath: absolutePath) { return problems }
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            return [Diagnostic(code: "cli.unreadable-file", message: CLIMessages.unreadableFile(file, reason: "permission denied or not a file"), source: SourceRef(file: file))]
        }
        do {
            let document = try JSONDocument(file: file, bytes: Array(data))
            guard document.value["flow"]?.arrayValue != nil else { return document.duplicateKeyDiagnostics }
            do {
                _ = try ScenarioCompiler.load(file: file, bytes: Array(data), catalog: scenarioCatalog())
                return document.duplicateKeyDiagnostics
            } catch {
                return error.diagnostics
            }
        } catch {
            return [error]
        }
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// `refinery validate PATH...`: reports every problem in every file, before anything runs.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: "Check modules and scenarios and report every problem.",
        discussion: """
        Files and folders (searched recursively for .json files). Every problem is reported as
        file#pointer:line:column with its code; the exit code is 65 when there is any error.
        --format json prints every problem as one JSON document on stdout (file, pointer, line, column,
        severity, code, message); --format github prints GitHub Actions annotations on stdout.
        """,
        positionals: [.init("PATH", repeats: true, help: "A file or a folder to check.")],
        options: [
            .init("quiet", short: "q", help: "Print only the problems, not the summary."),
            DiagnosticFormat.option,
            InstalledApps.modulesOption,
        ],
        examples: ["refinery validate modules scenarios", "refinery validate scenarios --format github"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let format = try DiagnosticFormat(arguments)
        let collector = FileCollector(workingDirectory: context.workingDirectory)
        let files = try collector.collect(arguments.positionals)
        var diagnostics: [Diagnostic] = []
        let installed = try InstalledApps.load(arguments, context: context, near: arguments.positionals.first)
        let dataStores = RepositoryDataStores.load(near: arguments.positionals.first, context: context)
        // The declarations' problems once, whether or not their folder is among the paths.
        diagnostics += dataStores.diagnostics
        var scenarioCatalog: ModuleCatalog?
        let catalog = {
            if let scenarioCatalog { return scenarioCatalog }
            let made = dataStores.catalog(apps: installed.apps)
            scenarioCatalog = made
            return made
        }
        for file in files where !Self.isDeclaration(collector.resolve(file), of: dataStores) {
            diagnostics += Self.check(file: file, absolutePath: collector.resolve(file), scenarioCatalog: catalog)
        }
        switch format {
        case .text: context.report(diagnostics)
        case .json: context.console.out(DiagnosticFormat.json(diagnostics, files: files.count))
        case .github: context.console.out(DiagnosticFormat.github(diagnostics))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if !arguments.flag("quiet") {
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            context.console.err(CLIMessages.validateSummary(files: files.count, errors: errors, warnings: warnings))
        }
        return errors > 0 ? .dataError : .success
    }

    /// Every problem in one file: an app or module file, a scenario (an object with a `flow`), a cassette
    /// (`*.cassette.json`), or any JSON (`*.expected.json` is never taken for a scenario).
    static func check(file: String, absolutePath: String, scenarioCatalog: () -> ModuleCatalog) -> [Diagnostic] {
        if let problems = AppLoader.validate(file: file, absolutePath: absolutePath) { return problems }
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            return [Diagnostic(code: "cli.unreadable-file", message: CLIMessages.unreadableFile(file, reason: "permission denied or not a file"), source: SourceRef(file: file))]
        }
        if file.hasSuffix(ScenarioCase.cassetteSuffix) { return checkCassette(file: file, bytes: Array(data)) }
        do {
            let document = try JSONDocument(file: file, bytes: Array(data))
            if file.hasSuffix(ScenarioCase.expectationSuffix) { return document.duplicateKeyDiagnostics }
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

    /// Whether the file is one of the data store declarations already checked.
    static func isDeclaration(_ absolutePath: String, of dataStores: RepositoryDataStores) -> Bool {
        guard let folder = dataStores.folder else { return false }
        return ((absolutePath as NSString).deletingLastPathComponent as NSString).standardizingPath == (folder as NSString).standardizingPath
    }

    /// A cassette must read as one (the JSON, then the format); format problems carry the cassette codes.
    private static func checkCassette(file: String, bytes: [UInt8]) -> [Diagnostic] {
        let document: JSONDocument
        do {
            document = try JSONDocument(file: file, bytes: bytes)
        } catch {
            return [error]
        }
        do {
            _ = try Cassette(json: document.value, path: file)
            return document.duplicateKeyDiagnostics
        } catch {
            return [Diagnostic(code: error.code, message: error.message, source: SourceRef(file: file))]
        }
    }
}

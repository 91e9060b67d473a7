import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// `refinery init [DIR]`: a scenarios repository to push: a sample scenario with its cassette and
/// expectation (recorded on the in-process sandbox, as `run --sandbox --record` and `test --update` do),
/// a `.gitignore` for the state, and CI for GitHub Actions and GitLab that runs `refinery test`.
struct InitCommand: Command {
    static let spec = CommandSpec(
        name: "init",
        summary: "Create a scenarios repository: a sample scenario, its recording and CI.",
        discussion: """
        Writes scenarios/nps-detractor-follow-up.json, records its cassette on the in-process sandbox and
        writes its expectation (as 'refinery run --sandbox --record' and 'refinery test --update' do), a
        .gitignore for the state (.refinery/), .github/workflows/refinery.yml and .gitlab-ci.yml, which
        install refinery from --source at --revision and run 'refinery test scenarios --junit'.
        Refuses a DIR that is not empty unless --force (then only these files are overwritten).
        """,
        positionals: [.init("DIR", optional: true, help: "The repository folder, created if needed (default: .).")],
        options: [
            .init("force", help: "Write into a folder that is not empty."),
            .init("source", value: "URL", help: "The git repository CI installs refinery from (without it, CI asks for REFINERY_REPOSITORY)."),
            .init("revision", value: "REV", help: "The branch, tag or commit CI installs (default: the one refinery was built from, else main)."),
            InstalledApps.modulesOption,
        ],
        examples: ["refinery init my-scenarios && cd my-scenarios && refinery test"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let folder = arguments.positionals.first ?? "."
        let collector = FileCollector(workingDirectory: context.workingDirectory)
        let root = collector.resolve(folder)
        try Self.checkEmpty(root, shown: folder, force: arguments.flag("force"))
        let installed = try InstalledApps.load(arguments, context: context)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return .dataError
        }
        let source = RepositoryTemplate.Source(
            repository: arguments.value("source"),
            revision: arguments.value("revision") ?? RepositoryTemplate.Source.defaultRevision
        )
        try Self.writeFiles(root: root, shown: folder, source: source)
        var inside = context
        inside.workingDirectory = root
        let recorded = try await Self.record(apps: installed.apps, context: inside)
        guard recorded else { return .failure }
        context.console.out(CLIMessages.initialized(folder: folder, files: Self.files))
        if source.repository == nil { context.console.err(CLIMessages.initWithoutSource) }
        return .success
    }

    /// Every file `init` writes, in the order it lists them.
    static let files = [
        RepositoryTemplate.sampleScenario,
        ScenarioCase(file: RepositoryTemplate.sampleScenario).cassette,
        ScenarioCase(file: RepositoryTemplate.sampleScenario).expectation,
        ".gitignore",
        ".github/workflows/refinery.yml",
        ".gitlab-ci.yml",
    ]

    /// A usage error when `root` is a file, or a folder with anything in it and no `--force`.
    static func checkEmpty(_ root: String, shown: String, force: Bool) throws(UsageError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw UsageError(CLIMessages.initNotAFolder(shown), command: spec.name) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        if !entries.isEmpty, !force { throw UsageError(CLIMessages.initNotEmpty(shown), command: spec.name) }
    }

    private static func writeFiles(root: String, shown: String, source: RepositoryTemplate.Source) throws(UsageError) {
        let contents = [
            (RepositoryTemplate.sampleScenario, RepositoryTemplate.sampleScenarioText),
            (".gitignore", RepositoryTemplate.gitignore),
            (".github/workflows/refinery.yml", RepositoryTemplate.githubWorkflow(source)),
            (".gitlab-ci.yml", RepositoryTemplate.gitlabCI(source)),
        ]
        for (name, text) in contents {
            let url = URL(fileURLWithPath: root).appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw UsageError(CLIMessages.initNotWritten((shown as NSString).appendingPathComponent(name), reason: error.localizedDescription), command: spec.name)
            }
        }
    }

    /// Records the sample on the sandbox, then writes its expectation from a replay of that recording:
    /// false (with the problem on standard error) when either step fails.
    private static func record(apps: [AppDefinition], context: CommandContext) async throws -> Bool {
        let scenario = ScenarioCase(file: RepositoryTemplate.sampleScenario)
        let source = try ScenarioSource.read(scenario.file, context: context)
        let execution = ScenarioExecution(source: source, apps: apps, settings: RunSettings(recordingOnSandbox: scenario.cassette), context: context)
        switch try await execution.run() {
        case .invalid(let diagnostics):
            context.report(diagnostics)
            return false
        case .ran(_, let session):
            _ = try session?.finish()
        }
        let result = await ScenarioTester(apps: apps, context: context, update: true).test(scenario)
        guard case .updated = result.verdict else {
            TestCommand.print(result, context: context)
            return false
        }
        return true
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// `refinery run SCENARIO`: checks the scenario, then runs it in cycles under its limits.
struct RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        summary: "Run a scenario: its trigger in cycles, every module, under its limits.",
        discussion: """
        The scenario is checked first (every problem reported, exit 65). Connections come from the variables
        the apps declare (REFINER_API_KEY, REFINER_BASE_URL); with --sandbox the Refiner app's come from an
        in-process sandbox instead. Trigger positions and incomplete executions are kept in the state folder (default
        .refinery/ beside the scenario; a sandbox run or a replay without --state keeps them in memory).
        Exit 0 when the run succeeded, 1 when it failed or stored incomplete executions.
        """,
        positionals: [.init("SCENARIO", help: "The scenario blueprint (.json).")],
        options: [
            .init("sandbox", help: "Run the Refiner app against an in-process sandbox with demo data."),
            .init("record", value: "FILE", help: "Record every HTTP interaction to a cassette (secrets redacted)."),
            .init("replay", value: "FILE", help: "Serve HTTP from a cassette: no network, no real waiting."),
            .init("mode", value: "M", help: "Replay mode: none (default), once, new_episodes, all."),
            .init("state", value: "DIR", help: "The state folder."),
            SharedStoreOption.option,
            .init("reset-state", help: "Set the stored state aside (kept as <file>.set-aside-<time>) and start over."),
            .init("max-cycles", value: "N", help: "At most N cycles (overrides the scenario's roundtrips)."),
            .init("from", value: "all|now|DATE", help: "Where a polling trigger without a position starts (default all)."),
            .init("json", help: "Print the run report as one JSON document on stdout."),
            .init("quiet", short: "q", help: "No progress and no summary; errors only."),
            .init("trace", help: "Print every bundle a module outputs as one JSON line on stderr."),
            InstalledApps.modulesOption,
        ] + ScenarioInputValues.options,
        examples: [
            "refinery run scenarios/nps-detractor-follow-up.json --sandbox",
            "refinery run scenarios/nps-detractor-follow-up.json --sandbox --record nps.cassette.json",
            "refinery run scenarios/nps-detractor-follow-up.json --replay nps.cassette.json --json",
            "refinery run scenarios/weekly-nps-digest.json --sandbox --trace 2>&1 | grep util:SetVariable",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var options = try RunSettings(arguments)
        options.shared = try await SharedStoreOption.open(arguments, context: context)
        let source = try ScenarioSource.read(arguments.positionals[0], context: context)
        let installed = try InstalledApps.load(arguments, context: context, near: arguments.positionals[0])
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return .dataError
        }
        let waiting = WaitingIndicator.onTerminal(context, enabled: !options.quiet)
        let execution = ScenarioExecution(source: source, apps: installed.apps, settings: options, context: context, waiting: waiting)
        let showsProgress = options.showsProgress(context)
        let events: @Sendable (RunEvent) -> Void = { event in
            switch event {
            case .cycleFinished(let progress), .cycleProgressed(let progress):
                if showsProgress { context.console.err(CLIMessages.progress(cycles: progress.cycles, operations: progress.operations)) }
            case .stateSetAside(let path):
                context.console.err(CLIMessages.stateSetAside(path))
            }
        }
        waiting?.start()
        defer { waiting?.stop() }
        let outcome = try await execution.run(events: events)
        waiting?.stop()
        guard case .ran(let report, let session) = outcome else {
            context.report(outcome.diagnostics)
            return .dataError
        }
        if options.showsProgress(context) { context.console.err("\r\u{1B}[K") }
        try finishCassette(session, context: context, quiet: options.quiet)
        print(report, options: options, context: context)
        return report.status == .success ? .success : .failure
    }

    private func print(_ report: RunReport, options: RunSettings, context: CommandContext) {
        if options.json {
            context.console.out(report.json.serialized(.pretty) + "\n")
        } else if !options.quiet || report.status != .success {
            context.console.out(CLIMessages.runSummary(report))
        }
    }

    private func finishCassette(_ session: CassetteSession?, context: CommandContext, quiet: Bool) throws {
        guard let session else { return }
        let summary = try session.finish()
        guard !quiet else { return }
        if summary.wrote { context.console.err(CLIMessages.cassetteWritten(session.file.path, interactions: summary.recorded)) }
        if !summary.unused.isEmpty { context.console.err(CLIMessages.unusedInteractions(summary.unused.count, path: session.file.path)) }
    }
}

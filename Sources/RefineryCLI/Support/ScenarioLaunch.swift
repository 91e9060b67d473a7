import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// A scenario read, checked against the installed apps, connected and ready to run: what `refinery run`
/// and `refinery incomplete retry` share.
struct ScenarioLaunch {
    var source: ScenarioSource
    var runner: ScenarioRunner
    var prepared: PreparedRun

    /// Nil when the apps or the scenario are invalid; their diagnostics have been reported (exit 65).
    static func make(
        scenario: String, arguments: ParsedArguments, settings: RunSettings, context: CommandContext
    ) throws -> ScenarioLaunch? {
        let source = try ScenarioSource.read(scenario, context: context)
        let installed = InstalledApps.load(arguments, context: context)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return nil
        }
        if case .failure(let error) = source.compile(ScenarioSource.validationCatalog(installed.apps)) {
            context.report(error.diagnostics)
            return nil
        }
        let prepared = try RunCommand.prepare(settings, source: source, apps: installed.apps, context: context)
        let plan = try source.compile(prepared.catalog).get()
        let runner = ScenarioRunner(plan: plan, clock: prepared.clock, store: prepared.store)
        return ScenarioLaunch(source: source, runner: runner, prepared: prepared)
    }

    /// Writes the cassette of a recording (and says what happened to it unless quiet).
    func finishCassette(context: CommandContext, quiet: Bool) throws {
        guard let session = prepared.session else { return }
        let summary = try session.finish()
        guard !quiet else { return }
        if summary.wrote { context.console.err(CLIMessages.cassetteWritten(session.file.path, interactions: summary.recorded)) }
        if !summary.unused.isEmpty { context.console.err(CLIMessages.unusedInteractions(summary.unused.count, path: session.file.path)) }
    }
}

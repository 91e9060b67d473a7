import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// One run of a scenario as `refinery run` does it, shared with `refinery test` and `incomplete retry`:
/// compile the blueprint once against the installed apps, build the run's environment (sandbox, real
/// API or cassette), run. The caller finishes the cassette session and prints the report.
struct ScenarioExecution {
    let source: ScenarioSource
    let apps: [AppDefinition]
    let settings: RunSettings
    let context: CommandContext
    /// Shows a line while a request waits long (`run` on a terminal).
    var waiting: WaitingIndicator?

    enum Outcome {
        /// The scenario has problems (it did not run).
        case invalid([Diagnostic])
        case ran(RunReport, session: CassetteSession?)

        /// The problems of an invalid scenario; empty when it ran.
        var diagnostics: [Diagnostic] {
            if case .invalid(let diagnostics) = self { return diagnostics }
            return []
        }
    }

    /// A runner for the scenario, once its blueprint checked out against the installed apps.
    enum Launch {
        case invalid([Diagnostic])
        case ready(ScenarioRunner, session: CassetteSession?)
    }

    /// Compiles (once) and connects. Throws `UsageError` (a missing connection) and `CassetteError` (the
    /// cassette cannot be read).
    func launch(events: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws -> Launch {
        let plan: ScenarioPlan
        let dataStores = RepositoryDataStores.load(near: source.file, context: context)
        guard !dataStores.diagnostics.hasErrors else { return .invalid(dataStores.diagnostics) }
        switch source.compile(dataStores.catalog(apps: apps)) {
        case .failure(let error): return .invalid(error.diagnostics)
        case .success(let compiled): plan = compiled
        }
        let (environment, session) = try prepare(for: plan, events: events)
        return .ready(ScenarioRunner(plan: plan, environment: environment), session: session)
    }

    /// Compiles, connects and runs; also throws what the runner throws (state, cancellation).
    func run(events: @escaping @Sendable (RunEvent) -> Void = { _ in }) async throws -> Outcome {
        switch try launch(events: events) {
        case .invalid(let diagnostics):
            return .invalid(diagnostics)
        case .ready(let runner, let session):
            var options = settings.runOptions(context)
            options.inputs = try settings.inputs.resolved(for: runner.plan.inputs, context: context)
            if runner.plan.instantTrigger != nil {
                options.deliveries = session?.deliveries ?? []
                guard !options.deliveries.isEmpty else { throw UsageError(CLIMessages.instantWithoutDeliveries(source.file)) }
            }
            return .ran(try await runner.run(options), session: session)
        }
    }
}

extension ScenarioExecution {
    /// The run's environment: the sandbox, the real API or nothing at all (a replay in mode none), the
    /// cassette's transport, clock and seed when there is a cassette, and the state store.
    func prepare(for plan: ScenarioPlan, events: @escaping @Sendable (RunEvent) -> Void) throws -> (RuntimeEnvironment, CassetteSession?) {
        let liveClock = SystemRunClock()
        let offline = settings.replay != nil && settings.mode == .none && !settings.sandbox
        let setup = offline ? ConnectionSetup.placeholders(apps: apps, environment: context.environment)
            : ConnectionSetup.make(apps: apps, sandbox: settings.sandbox, environment: context.environment, clock: liveClock).watched(by: waiting)
        let session = try cassetteSession(setup: setup, clock: liveClock)
        let store = store(replaying: session?.isReplaying ?? false)
        var environment = try setup.environment(
            apps: apps, used: plan.appNames, clock: liveClock, store: store, session: session, events: events
        )
        // Data stores live with the state: files beside it, or memory, fresh for this run.
        if let files = store as? FileStateStore { environment.dataStores = FileDataStoreBackend(stateDirectory: files.directory) }
        if store is PostgresStateStore, let shared = settings.shared { environment.dataStores = shared.dataStores }
        return (environment, session)
    }

    private func cassetteSession(setup: ConnectionSetup, clock: any RunClock) throws -> CassetteSession? {
        if let record = settings.record { return try setup.recording(to: url(record), apps: apps, clock: clock) }
        guard let replay = settings.replay else { return nil }
        let live: (any HTTPTransport)? = settings.mode == .none ? nil : setup.transport
        return try CassetteSession.replay(
            from: url(replay), mode: settings.mode, live: live, liveClock: clock, redactor: setup.redactor(apps: apps),
            options: ConnectionSetup.recordingOptions
        )
    }

    /// PostgreSQL with `--store` (but for a replay, which never touches shared state), else files beside
    /// the scenario (or `--state`). Without `--state`, a replay keeps state in memory so it
    /// replays the same way every time, and so does a sandbox run: the sandbox lives only as long as the
    /// process, so trigger positions in it would mean nothing to the next run.
    func store(replaying: Bool) -> any StateStore {
        if let shared = settings.shared, !replaying { return shared.stateStore }
        if let state = settings.state {
            return FileStateStore(directory: url(state), now: { Date() })
        }
        if replaying || settings.sandbox { return MemoryStateStore() }
        return FileStateStore(directory: FileStateStore.defaultDirectory(forScenarioAt: source.url), now: { Date() })
    }

    /// A path from the command line, relative to the working directory.
    private func url(_ path: String) -> URL {
        URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve(path))
    }
}

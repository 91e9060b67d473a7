import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// One run of a scenario as `refinery run` does it, shared with `refinery test`: check the blueprint
/// against the installed apps, connect (sandbox, real API or cassette), run. The caller finishes the
/// cassette session and prints the report.
struct ScenarioExecution {
    let source: ScenarioSource
    let apps: [AppDefinition]
    let settings: RunSettings
    let context: CommandContext

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

    /// Checks and connects. Throws `UsageError` (a missing connection) and `CassetteError` (the cassette
    /// cannot be read).
    func launch() throws -> Launch {
        if case .failure(let error) = source.compile(ScenarioSource.validationCatalog(apps)) {
            return .invalid(error.diagnostics)
        }
        let prepared = try prepare()
        let plan = try source.compile(prepared.catalog).get()
        return .ready(ScenarioRunner(plan: plan, clock: prepared.clock, store: prepared.store), session: prepared.session)
    }

    /// Checks, connects and runs; also throws what the runner throws (state, cancellation).
    func run(progress: (@Sendable (RunProgress) -> Void)? = nil) async throws -> Outcome {
        switch try launch() {
        case .invalid(let diagnostics):
            return .invalid(diagnostics)
        case .ready(var runner, let session):
            runner.progress = progress
            return .ran(try await runner.run(settings.runOptions(context)), session: session)
        }
    }
}

/// What a run needs from outside: the catalog with live connections, the clock, the state, the cassette.
struct PreparedRun {
    var catalog: ModuleCatalog
    var clock: any RunClock
    var store: any StateStore
    var session: CassetteSession?
}

extension ScenarioExecution {
    func prepare() throws -> PreparedRun {
        let liveClock = SystemRunClock()
        let offline = settings.replay != nil && settings.mode == .none && !settings.sandbox
        let setup = offline ? ConnectionSetup.placeholders(apps: apps, environment: context.environment)
            : ConnectionSetup.make(apps: apps, sandbox: settings.sandbox, environment: context.environment, clock: liveClock)
        var connections: [String: JSONObject] = [:]
        for app in apps where source.appNames().contains(app.name) {
            connections[app.name] = try setup.connection(for: app)
        }
        let session = try cassetteSession(setup: setup, clock: liveClock)
        let clock: any RunClock = session?.clock ?? liveClock
        let transport: any HTTPTransport = session?.transport ?? setup.transport
        let replaying = session?.isReplaying ?? false
        // Replays are deterministic: no jitter in backoff.
        let random: @Sendable () -> Double
        if replaying { random = { 0.5 } } else { random = { Double.random(in: 0..<1) } }
        let environment = ModuleEnvironment(transport: transport, clock: clock, random: random)
        let catalog = Refinery.AppCatalog.make(apps: apps, environment: environment, connections: connections)
        return PreparedRun(catalog: catalog, clock: clock, store: store(replaying: replaying), session: session)
    }

    private func cassetteSession(setup: ConnectionSetup, clock: any RunClock) throws -> CassetteSession? {
        let redactor = try Redactor(secrets: setup.secrets(apps: apps), sanitize: apps.flatMap(\.sanitize))
        let recording = RecordingOptions(origins: [ConnectionSetup.sandboxOrigin: ConnectionSetup.recordedOrigin])
        if let record = settings.record {
            return CassetteSession.record(to: url(record), live: setup.transport, clock: clock, redactor: redactor, options: recording)
        }
        guard let replay = settings.replay else { return nil }
        let live: (any HTTPTransport)? = settings.mode == .none ? nil : setup.transport
        return try CassetteSession.replay(
            from: url(replay), mode: settings.mode, live: live, liveClock: clock, redactor: redactor, options: recording
        )
    }

    /// Files beside the scenario (or `--state`). Without `--state`, a replay keeps state in memory so it
    /// replays the same way every time, and so does a sandbox run: the sandbox lives only as long as the
    /// process, so trigger positions in it would mean nothing to the next run.
    func store(replaying: Bool) -> any StateStore {
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

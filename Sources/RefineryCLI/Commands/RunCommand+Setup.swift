import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// The options of `refinery run`, checked.
struct RunSettings {
    var sandbox: Bool
    var record: String?
    var replay: String?
    var mode: ReplayMode
    var state: String?
    var json: Bool
    var quiet: Bool
    var trace: Bool
    var runOptions: RunOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        sandbox = arguments.flag("sandbox")
        record = arguments.value("record")
        replay = arguments.value("replay")
        state = arguments.value("state")
        json = arguments.flag("json")
        quiet = arguments.flag("quiet")
        trace = arguments.flag("trace")
        if record != nil, replay != nil { throw UsageError(CLIMessages.recordAndReplay) }
        let modeName = arguments.value("mode")
        if modeName != nil, replay == nil { throw UsageError(CLIMessages.modeWithoutReplay) }
        guard let mode = ReplayMode(rawValue: modeName ?? "none") else { throw UsageError(CLIMessages.unknownReplayMode(modeName ?? "")) }
        self.mode = mode
        runOptions = RunOptions(maxCycles: try arguments.integer("max-cycles", range: 1...1_000_000), start: try Self.start(arguments.value("from")))
    }

    static func start(_ text: String?) throws(UsageError) -> TriggerStart {
        switch text {
        case nil, "all": return .all
        case "now": return .fromNow
        case let text?:
            guard let date = ISO8601DateFormatter().date(from: text) else { throw UsageError(CLIMessages.invalidStart(text)) }
            return .since(date)
        }
    }

    /// Progress only on a terminal, never with --quiet, --json or --trace.
    func showsProgress(_ context: CommandContext) -> Bool {
        context.console.stderrIsTerminal && !quiet && !json && !trace
    }

    /// The run options, with `--trace` writing every bundle as one JSON line on stderr.
    func runOptions(_ context: CommandContext) -> RunOptions {
        var options = runOptions
        if trace {
            let console = context.console
            options.onBundle = { console.err($0.json.serialized(.compact) + "\n") }
        }
        return options
    }
}

/// What a run needs from outside: the catalog with live connections, the clock, the state, the cassette.
struct PreparedRun {
    var catalog: ModuleCatalog
    var clock: any RunClock
    var store: any StateStore
    var session: CassetteSession?
}

extension RunCommand {
    static func prepare(_ options: RunSettings, source: ScenarioSource, apps: [AppDefinition], context: CommandContext) throws -> PreparedRun {
        let liveClock = SystemRunClock()
        let offline = options.replay != nil && options.mode == .none && !options.sandbox
        let setup = offline ? ConnectionSetup.placeholders(apps: apps, environment: context.environment)
            : ConnectionSetup.make(apps: apps, sandbox: options.sandbox, environment: context.environment, clock: liveClock)
        var connections: [String: JSONObject] = [:]
        for app in apps where source.appNames().contains(app.name) {
            connections[app.name] = try setup.connection(for: app)
        }
        let session = try cassetteSession(options, setup: setup, apps: apps, clock: liveClock)
        let clock: any RunClock = session?.clock ?? liveClock
        let transport: any HTTPTransport = session?.transport ?? setup.transport
        let replaying = session?.isReplaying ?? false
        // Replays are deterministic: no jitter in backoff.
        let random: @Sendable () -> Double
        if replaying { random = { 0.5 } } else { random = { Double.random(in: 0..<1) } }
        let environment = ModuleEnvironment(transport: transport, clock: clock, random: random)
        let catalog = Refinery.AppCatalog.make(apps: apps, environment: environment, connections: connections)
        return PreparedRun(catalog: catalog, clock: clock, store: store(options, source: source, replaying: replaying), session: session)
    }

    private static func cassetteSession(_ options: RunSettings, setup: ConnectionSetup, apps: [AppDefinition], clock: any RunClock) throws -> CassetteSession? {
        let redactor = try Redactor(secrets: setup.secrets(apps: apps), sanitize: apps.flatMap(\.sanitize))
        let recording = RecordingOptions(origins: [ConnectionSetup.sandboxOrigin: ConnectionSetup.recordedOrigin])
        if let record = options.record {
            return CassetteSession.record(to: URL(fileURLWithPath: record), live: setup.transport, clock: clock, redactor: redactor, options: recording)
        }
        guard let replay = options.replay else { return nil }
        let live: (any HTTPTransport)? = options.mode == .none ? nil : setup.transport
        return try CassetteSession.replay(
            from: URL(fileURLWithPath: replay), mode: options.mode, live: live, liveClock: clock, redactor: redactor, options: recording
        )
    }

    /// Files beside the scenario (or `--state`). Without `--state`, a replay keeps state in memory so it
    /// replays the same way every time, and so does a sandbox run: the sandbox lives only as long as the
    /// process, so trigger positions in it would mean nothing to the next run.
    static func store(_ options: RunSettings, source: ScenarioSource, replaying: Bool) -> any StateStore {
        if let state = options.state {
            return FileStateStore(directory: URL(fileURLWithPath: state), now: { Date() })
        }
        if replaying || options.sandbox { return MemoryStateStore() }
        return FileStateStore(directory: FileStateStore.defaultDirectory(forScenarioAt: source.url), now: { Date() })
    }
}

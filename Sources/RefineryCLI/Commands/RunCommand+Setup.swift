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
    var inputs = ScenarioInputValues()
    /// `--store` / `REFINERY_STORE`: state and data stores in PostgreSQL (not for a replay).
    var shared: PostgresStore?

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
        runOptions.resetState = arguments.flag("reset-state")
        inputs = ScenarioInputValues(arguments)
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

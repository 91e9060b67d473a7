import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// `refinery call APP:MODULE --data JSON|@file [--sandbox] [--json | --jsonl] [--max-pages N] [--yes]`:
/// runs one module, writing each output bundle as it arrives (none is held).
struct CallCommand: Command {
    static let spec = CommandSpec(
        name: "call",
        summary: "Run one module with the given input and print its output bundles.",
        discussion: """
        The connection comes from the environment variables the app declares (REFINER_API_KEY,
        REFINER_BASE_URL), or, for the Refiner app, from an in-process sandbox with --sandbox. Input is
        checked before any request. A destructive module asks for confirmation on a terminal and otherwise needs --yes.
        Exit 0 on success, 1 when the module failed, 64 on a usage error.
        """,
        positionals: [.init("APP:MODULE", help: "The module, e.g. refiner:listContacts.")],
        options: [
            .init("data", value: "JSON|@FILE", help: "The module's input as a JSON object, or @file to read it from a file."),
            .init("sandbox", help: "Run the Refiner app against an in-process sandbox (demo data), not the real API."),
            .init("json", help: "Print the output bundles as one JSON array on stdout (written as they arrive)."),
            .init("jsonl", help: "Print each output bundle as one compact JSON object per line on stdout."),
            .init("max-pages", value: "N", help: "The most pages the module may fetch (default 100, at most 100000)."),
            .init("yes", short: "y", help: "Run a destructive module without asking."),
            .init("timeout", value: "SECONDS", help: "The most the call may spend on HTTP, retries and pages included (default 300)."),
            InstalledApps.modulesOption,
        ],
        examples: [
            #"refinery call refiner:listContacts --data '{"limit": 5}' --sandbox"#,
            #"refinery call refiner:listResponses --data '{"limit": 200000}' --jsonl --max-pages 200 > responses.jsonl"#,
            #"refinery call refiner:deleteContact --data '{"id": "user-1"}' --yes"#,
        ]
    )

    /// The most `--max-pages` may be.
    static let maxPagesRange = 1...100_000

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let catalog = try InstalledApps.load(arguments, context: context)
        let (app, module) = try catalog.module(arguments.positionals.first ?? "")
        let input = try Self.input(arguments, context: context)
        let format = try Self.format(arguments)
        let timeout = try arguments.integer("timeout", range: 1...86_400).map(Double.init) ?? ModuleEnvironment.defaultCallTimeout
        let maxPages = try arguments.integer("max-pages", range: Self.maxPagesRange) ?? ModuleEnvironment.defaultMaxPages
        let reference = "\(app.name):\(module.name)"
        if module.destructive, !arguments.flag("yes"), !Self.confirmed(module, reference: reference, input: input, context: context) {
            context.console.err(CLIMessages.destructiveRefused(reference, label: module.label, target: Self.target(input)))
            return .failure
        }
        let waiting = WaitingIndicator.onTerminal(context)
        let environment = try Self.environment(app: app, sandbox: arguments.flag("sandbox"), context: context, waiting: waiting)
        let runner = ModuleRunner(app: app, environment: Self.moduleEnvironment(environment, maxPages: maxPages, callTimeout: timeout))
        let output = CallOutput(format: format, console: context.console)
        waiting?.start()
        defer { waiting?.stop() }
        do {
            try await Self.stream(runner, module: module.name, input: input, connection: environment.connections[app.name] ?? [:], to: output)
            waiting?.stop()
            context.console.err(CLIMessages.callSummary(output.count, module: reference))
            return .success
        } catch let error as ModuleError {
            waiting?.stop()
            context.console.err(CLIMessages.callFailed(error))
            return .failure
        }
    }

    /// Runs the module, writing each bundle to `output` as it arrives; the JSON array is closed even
    /// when the module fails part way.
    static func stream(_ runner: ModuleRunner, module: String, input: JSONObject, connection: JSONObject, to output: CallOutput) async throws {
        defer { output.finish() }
        try await runner.run(module, input: input, connection: connection) { output.write($0.bundle) }
    }

    /// The module runtime's environment for one call: `--max-pages` pages, named by the error that stops there.
    static func moduleEnvironment(_ environment: RuntimeEnvironment, maxPages: Int, callTimeout: Double) -> ModuleEnvironment {
        var moduleEnvironment = environment.moduleEnvironment(maxPages: maxPages, callTimeout: callTimeout)
        moduleEnvironment.maxPagesSetting = "--max-pages"
        return moduleEnvironment
    }

    static func format(_ arguments: ParsedArguments) throws(UsageError) -> CallOutput.Format {
        switch (arguments.flag("json"), arguments.flag("jsonl")) {
        case (true, true): throw UsageError(CLIMessages.jsonAndJSONLines)
        case (true, false): return .json
        case (false, true): return .jsonl
        case (false, false): return .text
        }
    }

    static func input(_ arguments: ParsedArguments, context: CommandContext) throws(UsageError) -> JSONObject {
        guard var text = arguments.value("data") else { return [:] }
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            let absolute = path.hasPrefix("/") ? path : (context.workingDirectory as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: absolute) else { throw UsageError(CLIMessages.unreadableData(path)) }
            text = String(decoding: data, as: UTF8.self)
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            throw UsageError(CLIMessages.invalidData(error.description))
        }
        guard case .object(let object) = value else { throw UsageError(CLIMessages.dataNotObject) }
        return object
    }

    static func confirmed(_ module: ModuleDefinition, reference: String, input: JSONObject, context: CommandContext) -> Bool {
        guard let ask = context.ask else { return false }
        let answer = ask(CLIMessages.destructivePrompt(reference, label: module.label, target: target(input)))
        return ["y", "yes"].contains(answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
    }

    /// What a destructive call would change, from its input (secret-free: identifiers only).
    static func target(_ input: JSONObject) -> String {
        input.isEmpty ? "(no input)" : JSONValue.object(input).serialized()
    }

    static func environment(app: AppDefinition, sandbox: Bool, context: CommandContext, waiting: WaitingIndicator? = nil) throws -> RuntimeEnvironment {
        let clock = SystemRunClock()
        let setup = ConnectionSetup.make(apps: [app], sandbox: sandbox, environment: context.environment, clock: clock).watched(by: waiting)
        return try setup.environment(apps: [app], used: [app.name], clock: clock)
    }

}

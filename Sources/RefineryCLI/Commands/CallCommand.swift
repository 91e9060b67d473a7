import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// `refinery call APP:MODULE --data JSON|@file [--sandbox] [--json] [--yes]`: runs one module.
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
            .init("json", help: "Print the output bundles as one JSON array on stdout."),
            .init("yes", short: "y", help: "Run a destructive module without asking."),
            .init("timeout", value: "SECONDS", help: "The most the call may spend on HTTP, retries and pages included (default 300)."),
            InstalledApps.modulesOption,
        ],
        examples: [
            #"refinery call refiner:listContacts --data '{"limit": 5}' --sandbox"#,
            #"refinery call refiner:deleteContact --data '{"id": "user-1"}' --yes"#,
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let catalog = try InstalledApps.load(arguments, context: context)
        let (app, module) = try catalog.module(arguments.positionals.first ?? "")
        let input = try Self.input(arguments, context: context)
        let reference = "\(app.name):\(module.name)"
        if module.destructive, !arguments.flag("yes"), !Self.confirmed(module, reference: reference, input: input, context: context) {
            context.console.err(CLIMessages.destructiveRefused(reference, label: module.label, target: Self.target(input)))
            return .failure
        }
        let waiting = WaitingIndicator.onTerminal(context)
        let environment = try Self.environment(app: app, sandbox: arguments.flag("sandbox"), context: context, waiting: waiting)
        let timeout = try arguments.integer("timeout", range: 1...86_400).map(Double.init) ?? ModuleEnvironment.defaultCallTimeout
        let runner = ModuleRunner(app: app, environment: environment.moduleEnvironment(callTimeout: timeout))
        waiting?.start()
        defer { waiting?.stop() }
        do {
            let outputs = try await runner.collect(module.name, input: input, connection: environment.connections[app.name] ?? [:]).map(\.bundle)
            waiting?.stop()
            Self.print(outputs, json: arguments.flag("json"), context: context)
            context.console.err(CLIMessages.callSummary(outputs.count, module: reference))
            return .success
        } catch let error as ModuleError {
            waiting?.stop()
            context.console.err(CLIMessages.callFailed(error))
            return .failure
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

    static func print(_ outputs: [JSONValue], json: Bool, context: CommandContext) {
        if json {
            context.console.out(JSONValue.array(outputs).serialized(.pretty) + "\n")
        } else {
            for (index, output) in outputs.enumerated() {
                context.console.out("bundle \(index + 1):\n\(output.serialized(.pretty))\n")
            }
        }
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// `refinery webhook deliver SCENARIO PAYLOAD`: one stored payload through the journal and the engine.
struct WebhookCommand: Command {
    static let spec = CommandSpec(
        name: "webhook",
        summary: "Feed a stored webhook payload through a scenario's queue and engine, without a server.",
        discussion: """
        'deliver' appends the payload to the scenario's journal (as 'refinery serve' does, without a token),
        processes any deliveries a stopped server left there first, then this one, and prints its run report.
        Exit 0 when its execution succeeded, 1 when it failed or was stored as incomplete. With --store
        postgres://..., the payload joins the scenario's shared queue claimed by this process, which runs it
        beside any 'serve --store' workers; what they have queued is left to them.
        """,
        positionals: [
            .init("ACTION", help: "deliver"),
            .init("SCENARIO", help: "An instant-trigger scenario blueprint (.json)."),
            .init("PAYLOAD", help: "The webhook body (.json)."),
        ],
        options: [
            .init("sandbox", help: "Connect the Refiner app to an in-process sandbox (other apps keep their own)."),
            .init("state", value: "DIR", help: "State and journal (default .refinery/ beside the scenario)."),
            SharedStoreOption.option,
            .init("json", help: "Print the run report as one JSON document on stdout."),
            .init("record", value: "FILE", help: "Record the payload and every HTTP interaction to a cassette, for 'refinery test'."),
            InstalledApps.modulesOption,
        ] + ScenarioInputValues.options,
        examples: [
            "refinery webhook deliver scenarios/completed-survey-identify.json payload.json --sandbox",
            "refinery webhook deliver scenarios/completed-survey-identify.json payload.json --sandbox --record scenarios/completed-survey-identify.cassette.json",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let action = arguments.positionals[0]
        guard action == "deliver" else { throw UsageError(CLIMessages.unknownWebhookAction(action)) }
        if arguments.value("record") != nil, SharedStoreOption.url(arguments, context: context) != nil {
            throw UsageError(CLIMessages.recordWithStore)
        }
        let payloadFile = arguments.positionals[2]
        let path = FileCollector(workingDirectory: context.workingDirectory).resolve(payloadFile)
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(CLIMessages.unreadableFile(payloadFile, reason: "no such file")) }
        let payload: JSONValue
        do {
            payload = try JSONValue(parsing: Array(data))
        } catch {
            context.console.err(CLIMessages.invalidPayload(payloadFile, "\(error)"))
            return .dataError
        }
        let scenarioFile = arguments.positionals[1]
        let record = arguments.value("record").map { URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve($0)) }
        guard var setup = try ServeSetup.make([scenarioFile], arguments: arguments, context: context, tokens: false, record: record) else { return .dataError }
        setup.shared = try await SharedStoreOption.open(arguments, context: context)
        let scenario = setup.scenarios[0]
        guard scenario.isInstant else { throw UsageError(CLIMessages.notInstant(scenarioFile)) }
        setup.session?.recordDelivery(payload)
        let result = try await ScenarioHost.deliver(payload, to: scenario, options: setup.hostOptions)
        if let session = setup.session {
            let summary = try session.finish()
            context.console.err(CLIMessages.cassetteWritten(session.file.path, interactions: summary.recorded))
            if arguments.value("state") == nil { try? FileManager.default.removeItem(at: setup.stateDirectory) }
        }
        if !result.recovered.isEmpty { context.console.err(CLIMessages.recoveredDeliveries(result.recovered.count)) }
        guard let report = result.report else { return .failure }
        if arguments.flag("json") {
            context.console.out(report.json.serialized(.pretty) + "\n")
        } else {
            context.console.out(CLIMessages.runSummary(report))
        }
        return report.status == .success ? .success : .failure
    }
}

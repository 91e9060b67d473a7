import Foundation
import Refinery
import RefineryJSON

/// `refinery incomplete list|retry|discard SCENARIO [ID...]`: the incomplete executions a scenario stored
/// (Break, or an unhandled error with `dlq`), and what to do with them.
struct IncompleteCommand: Command {
    static let spec = CommandSpec(
        name: "incomplete",
        summary: "List, retry or discard a scenario's incomplete executions.",
        discussion: """
        An incomplete execution is stored when a module fails under a Break error handler, or with an
        unhandled error when the scenario's dlq setting is on: the bundles on the failed module's path are
        kept in the state folder. 'retry' runs each one again from the module that failed (all of them when
        no ID is given); a success removes it, a failure counts an attempt. 'discard' removes them unrun.
        The state folder and connections are chosen as for 'refinery run'.
        Exit 0 when every retry succeeded, 1 when one failed.
        """,
        positionals: [
            .init("ACTION", help: "list, retry or discard."),
            .init("SCENARIO", help: "The scenario blueprint (.json)."),
            .init("ID", optional: true, repeats: true, help: "Incomplete execution ids (default: all)."),
        ],
        options: [
            .init("state", value: "DIR", help: "The state folder (default .refinery/ beside the scenario)."),
            SharedStoreOption.option,
            .init("sandbox", help: "retry: run the Refiner app against an in-process sandbox (needs --state)."),
            .init("json", help: "Print JSON on stdout."),
            InstalledApps.modulesOption,
        ],
        examples: [
            "refinery incomplete list scenarios/nps-detractor-follow-up.json",
            "refinery incomplete retry scenarios/nps-detractor-follow-up.json",
            "refinery incomplete discard scenarios/nps-detractor-follow-up.json 1732-2-1",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let scenario = arguments.positionals[1]
        let ids = Array(arguments.positionals.dropFirst(2))
        switch arguments.positionals[0] {
        case "list": return try await list(scenario, arguments: arguments, context: context)
        case "discard": return try await discard(scenario, ids: ids, arguments: arguments, context: context)
        case "retry": return try await retry(scenario, ids: ids, arguments: arguments, context: context)
        case let action: throw UsageError(CLIMessages.unknownIncompleteAction(action))
        }
    }

    private func list(_ scenario: String, arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let store = try await store(scenario, arguments: arguments, context: context)
        let items = try await store.load(key(scenario)).incomplete
        if arguments.flag("json") {
            context.console.out(JSONValue.array(items.map(\.json)).serialized(.pretty) + "\n")
        } else {
            context.console.out(CLIMessages.incompleteList(items, scenario: scenario))
        }
        return .success
    }

    private func discard(_ scenario: String, ids: [String], arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let store = try await store(scenario, arguments: arguments, context: context)
        let key = key(scenario)
        let removed = try await BlockingWork.run {
            try checkKnown(ids, stored: store.read(key).incomplete.map(\.id))
            return try store.discardIncomplete(ids.isEmpty ? nil : Set(ids), scenario: key)
        }
        context.console.out(CLIMessages.incompleteDiscarded(removed.count))
        return .success
    }

    private func retry(_ scenario: String, ids: [String], arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var settings = try RunSettings(arguments)
        settings.shared = try await SharedStoreOption.open(arguments, context: context)
        if settings.sandbox, settings.state == nil { throw UsageError(CLIMessages.incompleteSandboxNeedsState) }
        let installed = try InstalledApps.load(arguments, context: context, near: scenario)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return .dataError
        }
        let source = try ScenarioSource.read(scenario, context: context)
        let execution = ScenarioExecution(source: source, apps: installed.apps, settings: settings, context: context)
        let runner: ScenarioRunner
        switch try execution.launch() {
        case .invalid(let diagnostics):
            context.report(diagnostics)
            return .dataError
        case .ready(let ready, _):
            runner = ready
        }
        let stored = try await runner.incompleteExecutions().map(\.id)
        try checkKnown(ids, stored: stored)
        let order = ids.isEmpty ? stored : ids
        var reports: [(String, RunReport)] = []
        for id in order {
            if let report = try await runner.retryIncomplete(id: id, options: settings.runOptions(context)) { reports.append((id, report)) }
        }
        if settings.json {
            context.console.out(JSONValue.object(JSONObject(reports.map { ($0.0, $0.1.json) })).serialized(.pretty) + "\n")
        } else {
            for (id, report) in reports { context.console.out(CLIMessages.incompleteRetried(id, report)) }
        }
        return reports.allSatisfy { $0.1.status == .success } ? .success : .failure
    }

    private func store(_ scenario: String, arguments: ParsedArguments, context: CommandContext) async throws -> any StateStore {
        let source = try ScenarioSource.read(scenario, context: context)
        var settings = try RunSettings(arguments)
        settings.shared = try await SharedStoreOption.open(arguments, context: context)
        return ScenarioExecution(source: source, apps: [], settings: settings, context: context).store(replaying: false)
    }

    private func key(_ scenario: String) -> String { ScenarioRunner.defaultKey(for: scenario) }

    private func checkKnown(_ ids: [String], stored: [String]) throws(UsageError) {
        if let unknown = ids.first(where: { !stored.contains($0) }) { throw UsageError(CLIMessages.unknownIncomplete(unknown)) }
    }
}

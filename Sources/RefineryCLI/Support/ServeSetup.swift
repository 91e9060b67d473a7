import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// The set-up `serve` and `webhook deliver` share: read and check every scenario (exit 65 on a problem),
/// connect the apps (environment variables or `--sandbox`), compile the plans, resolve the webhook tokens.
struct ServeSetup {
    let scenarios: [HostedScenario]
    let stateDirectory: URL
    let clock: any RunClock

    /// nil after reporting diagnostics (the command exits 65).
    static func make(_ files: [String], arguments: ParsedArguments, context: CommandContext, tokens: Bool = true) throws -> ServeSetup? {
        let installed = InstalledApps.load(arguments, context: context)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return nil
        }
        let sources = try files.map { file throws(UsageError) in try ScenarioSource.read(file, context: context) }
        let validation = ScenarioSource.validationCatalog(installed.apps)
        let problems = sources.flatMap { source -> [Diagnostic] in
            if case .failure(let error) = source.compile(validation) { return error.diagnostics }
            return []
        }
        guard problems.isEmpty else {
            context.report(problems)
            return nil
        }
        let clock = SystemRunClock()
        let catalog = try connectedCatalog(installed.apps, sources: sources, sandbox: arguments.flag("sandbox"), context: context, clock: clock)
        let scenarios = try sources.map { source in try hosted(source, catalog: catalog, context: context, tokens: tokens) }
        try checkDistinct(scenarios)
        let state = arguments.value("state").map { URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve($0)) }
            ?? FileStateStore.defaultDirectory(forScenarioAt: sources[0].url)
        return ServeSetup(scenarios: scenarios, stateDirectory: state, clock: clock)
    }

    var hostOptions: ScenarioHost.Options {
        var options = ScenarioHost.Options(stateDirectory: stateDirectory)
        options.clock = clock
        return options
    }

    private static func connectedCatalog(
        _ apps: [AppDefinition], sources: [ScenarioSource], sandbox: Bool, context: CommandContext, clock: any RunClock
    ) throws(UsageError) -> ModuleCatalog {
        let setup = ConnectionSetup.make(apps: apps, sandbox: sandbox, environment: context.environment, clock: clock)
        let used = sources.reduce(into: Set<String>()) { $0.formUnion($1.appNames()) }
        var connections: [String: JSONObject] = [:]
        for app in apps where used.contains(app.name) {
            connections[app.name] = try setup.connection(for: app)
        }
        let environment = ModuleEnvironment(transport: setup.transport, clock: clock, random: { Double.random(in: 0..<1) })
        return Refinery.AppCatalog.make(apps: apps, environment: environment, connections: connections)
    }

    /// The compiled scenario; an instant-trigger one with its token from the variable its settings name.
    private static func hosted(_ source: ScenarioSource, catalog: ModuleCatalog, context: CommandContext, tokens: Bool) throws -> HostedScenario {
        let plan = try source.compile(catalog).get()
        var scenario = HostedScenario(plan: plan)
        guard scenario.isInstant, tokens else { return scenario }
        let variable = plan.limits.webhook.tokenVariable
        guard let token = context.environment[variable], !token.isEmpty else {
            throw UsageError(CLIMessages.missingWebhookToken(scenario: source.file, variable: variable))
        }
        scenario.token = token
        return scenario
    }

    private static func checkDistinct(_ scenarios: [HostedScenario]) throws(UsageError) {
        var seen: Set<String> = []
        for scenario in scenarios where !seen.insert(scenario.key).inserted {
            throw UsageError(CLIMessages.duplicateScenarioName(scenario.key))
        }
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryPostgres

/// The set-up `serve` and `webhook deliver` share: read and compile every scenario once (exit 65 on a
/// problem), build the runs' environment (environment variables or `--sandbox`), resolve the webhook
/// tokens.
struct ServeSetup {
    let scenarios: [HostedScenario]
    let stateDirectory: URL
    let environment: RuntimeEnvironment
    /// `webhook deliver --record`: the recording the deliveries' traffic goes to.
    var session: CassetteSession?
    /// `serve --store postgres://...`: the store shared with other workers.
    var shared: PostgresStore?

    /// nil after reporting diagnostics (the command exits 65).
    /// With `record`, every request goes into a recording at that file (and a run without `--state` keeps
    /// its state in a fresh temporary folder: a recording starts from nothing, as its replay does).
    static func make(
        _ files: [String], arguments: ParsedArguments, context: CommandContext, tokens: Bool = true, record: URL? = nil
    ) throws -> ServeSetup? {
        let installed = try InstalledApps.load(arguments, context: context, near: files.first)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return nil
        }
        let sources = try files.map { file throws(UsageError) in try ScenarioSource.read(file, context: context) }
        let dataStores = RepositoryDataStores.load(near: files.first, context: context)
        guard !dataStores.diagnostics.hasErrors else {
            context.report(dataStores.diagnostics)
            return nil
        }
        let catalog = dataStores.catalog(apps: installed.apps)
        var plans: [(ScenarioSource, ScenarioPlan)] = []
        var problems: [Diagnostic] = []
        for source in sources {
            switch source.compile(catalog) {
            case .success(let plan): plans.append((source, plan))
            case .failure(let error): problems += error.diagnostics
            }
        }
        guard problems.isEmpty else {
            context.report(problems)
            return nil
        }
        let clock = SystemRunClock()
        let setup = ConnectionSetup.make(apps: installed.apps, sandbox: arguments.flag("sandbox"), environment: context.environment, clock: clock)
        let used = plans.reduce(into: Set<String>()) { $0.formUnion($1.1.appNames) }
        let session = try record.map { file throws(CassetteError) in try setup.recording(to: file, apps: installed.apps, clock: clock) }
        let environment = try setup.environment(apps: installed.apps, used: used, clock: clock, session: session)
        let served = try plans.map { source, plan in try hosted(source, plan: plan, context: context, tokens: tokens) }
        let scenarios = try ScenarioInputValues(arguments).resolved(for: served, context: context)
        try checkDistinct(scenarios)
        let given = arguments.value("state").map { URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve($0)) }
        let fresh = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("refinery-recording-" + UUID().uuidString)
        let state = given ?? (record == nil ? FileStateStore.defaultDirectory(forScenarioAt: sources[0].url) : fresh)
        return ServeSetup(scenarios: scenarios, stateDirectory: state, environment: environment, session: session)
    }

    var hostOptions: ScenarioHost.Options {
        var options = ScenarioHost.Options(stateDirectory: stateDirectory, environment: environment)
        options.shared = shared
        return options
    }

    /// The compiled scenario; an instant-trigger one with its token from the variable its settings name.
    private static func hosted(_ source: ScenarioSource, plan: ScenarioPlan, context: CommandContext, tokens: Bool) throws -> HostedScenario {
        var scenario = HostedScenario(plan: plan)
        guard scenario.isInstant, tokens else { return scenario }
        let variable = plan.limits.webhook.tokenVariable
        guard let token = context.environment[variable], !token.isEmpty else {
            throw UsageError(CLIMessages.missingWebhookToken(scenario: source.file, variable: variable))
        }
        guard token.count >= HostedScenario.minimumTokenLength, !token.contains(where: \.isWhitespace) else {
            throw UsageError(CLIMessages.weakWebhookToken(scenario: source.file, variable: variable))
        }
        scenario.token = token
        if scenario.isCustomWebhook, let apiKeyVariable = plan.limits.webhook.apiKeyVariable {
            guard let apiKey = context.environment[apiKeyVariable], !apiKey.isEmpty else {
                throw UsageError(CLIMessages.missingWebhookAPIKey(scenario: source.file, variable: apiKeyVariable))
            }
            scenario.apiKey = apiKey
        }
        return scenario
    }

    private static func checkDistinct(_ scenarios: [HostedScenario]) throws(UsageError) {
        var seen: Set<String> = []
        for scenario in scenarios where !seen.insert(scenario.key).inserted {
            throw UsageError(CLIMessages.duplicateScenarioName(scenario.key))
        }
    }
}

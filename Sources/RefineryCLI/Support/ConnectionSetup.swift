import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// Where requests go and with which credentials: the real API, from the environment variables each app
/// declares, or, for the Refiner app only, an in-process Refiner sandbox (`--sandbox`; every other app
/// still reaches its own API with its own variables). `environment(...)` is the one place every
/// command that runs modules (`run`, `test`, `serve`, `webhook deliver`, `incomplete retry`, `call`)
/// gets its `RuntimeEnvironment` from.
struct ConnectionSetup {
    /// The transport to the real API or to the sandbox.
    let transport: any HTTPTransport
    /// Resolved connection values by app name.
    let connections: [String: JSONObject]
    /// Apps whose connection could not be resolved, and why (a variable is missing).
    let unresolved: [String: ModuleError]
    /// `http:MakeRequest`'s named connections, from `REFINERY_HTTP_<NAME>_*` (docs/builtins.md).
    var http = HTTPConnections()

    /// The sandbox's base URL: never resolved, the in-process transport routes by path.
    static let sandboxOrigin = "http://sandbox.invalid"
    /// How a sandbox recording is written, so cassettes look the same as ones recorded against Refiner.
    static let recordedOrigin = "https://api.refiner.io"

    /// The app that `--sandbox` stands in for; every other app keeps its own connection.
    static let sandboxedApp = "refiner"

    static func make(apps: [AppDefinition], sandbox: Bool, environment: [String: String], clock: any RunClock) -> ConnectionSetup {
        var setup = makeForApps(apps: apps, sandbox: sandbox, environment: environment, clock: clock)
        setup.http = HTTPConnections(environment: environment)
        // An outside tool's connection that is not set posts to the sandbox's inbox: offline end to end.
        if sandbox { setup.http.unset = .standIn(url: RefinerSandbox.inboxURL(for:)) }
        return setup
    }

    private static func makeForApps(apps: [AppDefinition], sandbox: Bool, environment: [String: String], clock: any RunClock) -> ConnectionSetup {
        let live = URLSessionTransport()
        guard sandbox else {
            return resolve(apps, transport: live) { _, spec throws(ModuleError) in try spec.values(environment: environment) }
        }
        let server = RefinerSandbox(configuration: SandboxConfiguration(clock: clock))
        let overrides: JSONObject = ["apiKey": .string(server.apiKey), "baseUrl": .string(sandboxOrigin + "/v1")]
        let transport = SandboxRouting(sandbox: InProcessTransport(handler: server), live: live, origin: sandboxOrigin)
        return resolve(apps, transport: transport) { app, spec throws(ModuleError) in
            app == sandboxedApp ? try spec.values(environment: [:], overrides: overrides) : try spec.values(environment: environment)
        }
    }

    /// This setup with its requests watched by `indicator` (a line on a terminal while one waits).
    func watched(by indicator: WaitingIndicator?) -> ConnectionSetup {
        guard let indicator else { return self }
        return ConnectionSetup(transport: indicator.watching(transport), connections: connections, unresolved: unresolved, http: http)
    }

    /// For `--replay` with mode none: no network, and credentials only as placeholders (the cassette holds
    /// `<redacted>`, which matches any value).
    static func placeholders(apps: [AppDefinition], environment: [String: String]) -> ConnectionSetup {
        var setup = resolve(apps, transport: OfflineTransport()) { _, spec throws(ModuleError) in
            try spec.values(environment: environment, overrides: placeholders(for: spec))
        }
        setup.http = HTTPConnections(environment: environment)
        setup.http.unset = .placeholders
        return setup
    }

    /// A stand-in for every secret parameter: a URL for a `url` one (a webhook URL is often the secret
    /// itself), so that requests built from it are still well-formed.
    static func placeholders(for spec: ConnectionSpec) -> JSONObject {
        var values = JSONObject()
        for parameter in spec.parameters where parameter.secret {
            values[parameter.name] = parameter.type == .url ? "https://replayed-without-a-secret.invalid/" : "replayed-without-a-key"
        }
        return values
    }

    private static func resolve(
        _ apps: [AppDefinition], transport: any HTTPTransport, values: (String, ConnectionSpec) throws(ModuleError) -> JSONObject
    ) -> ConnectionSetup {
        var connections: [String: JSONObject] = [:]
        var unresolved: [String: ModuleError] = [:]
        for app in apps {
            guard let spec = app.connection else { continue }
            do {
                connections[app.name] = try values(app.name, spec)
            } catch {
                unresolved[app.name] = error
            }
        }
        return ConnectionSetup(transport: transport, connections: connections, unresolved: unresolved)
    }

    /// The connection of `app`, or a usage error naming the variable to set and suggesting `--sandbox`.
    func connection(for app: AppDefinition) throws(UsageError) -> JSONObject {
        if unresolved[app.name] != nil {
            let variables = app.connection?.parameters.filter(\.required).compactMap(\.environmentVariable) ?? []
            throw UsageError(CLIMessages.missingConnection(app: app.name, variables: variables))
        }
        return connections[app.name] ?? [:]
    }

    /// The environment a command runs modules in: this setup's transport (or the cassette's) and the
    /// connections of the apps in `used` (a usage error names the variable of one that is missing); the
    /// clock and the random seed are the cassette's when there is one.
    func environment(
        apps: [AppDefinition], used: Set<String>, clock: any RunClock, store: any StateStore = MemoryStateStore(),
        session: CassetteSession? = nil, events: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) throws(UsageError) -> RuntimeEnvironment {
        var connections: [String: JSONObject] = [:]
        for app in apps where used.contains(app.name) {
            connections[app.name] = try connection(for: app)
        }
        var environment = RuntimeEnvironment(
            transport: session?.transport ?? transport, clock: session?.clock ?? clock, store: store,
            connections: connections, randomSeed: session?.randomSeed ?? RandomSeed.fresh(), events: events
        )
        environment.httpConnections = http
        return environment
    }

    /// How every recording is redacted and written: the connections' secrets, the apps' `log.sanitize`,
    /// and sandbox URLs written as Refiner's, so cassettes look the same as ones recorded against Refiner.
    func redactor(apps: [AppDefinition]) throws(CassetteError) -> Redactor {
        try Redactor(secrets: secrets(apps: apps), sanitize: apps.flatMap(\.sanitize))
    }

    static let recordingOptions = RecordingOptions(origins: [sandboxOrigin: recordedOrigin])

    /// `--record FILE`: every interaction through this setup's transport, kept in `file`.
    func recording(to file: URL, apps: [AppDefinition], clock: any RunClock) throws(CassetteError) -> CassetteSession {
        CassetteSession.record(to: file, live: transport, clock: clock, redactor: try redactor(apps: apps), options: Self.recordingOptions)
    }

    /// Every secret value of every connection, `http:MakeRequest`'s named ones included, for redaction.
    func secrets(apps: [AppDefinition]) -> [Redactor.Secret] {
        let appSecrets = apps.flatMap { app in
            (app.connection?.secretNames ?? []).compactMap { name in
                connections[app.name]?[name]?.stringValue.map { Redactor.Secret(name: "\(app.name).\(name)", value: $0) }
            }
        }
        return appSecrets + http.secrets.map { Redactor.Secret(name: $0.name, value: $0.value) }
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting

/// The shipped Refiner app against an in-process sandbox on a virtual clock, recording every request.
struct RefinerHarness {
    let sandbox: RefinerSandbox
    let transport: StubTransport
    let runner: ModuleRunner
    let connection: JSONObject

    /// `apiKey`: the key the connection sends (default: the sandbox's own; another well-formed key is
    /// one Refiner does not know, as a revoked one).
    init(seed: SandboxSeed = .demo, contacts: Int? = nil, apiKey: String? = nil) throws {
        let clock = VirtualRunClock()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: seed, contacts: contacts, rateLimits: .unlimited, clock: clock))
        let inProcess = InProcessTransport(handler: sandbox)
        self.sandbox = sandbox
        transport = StubTransport { try await inProcess.send($0) }
        let app = try Fixtures.refinerApp()
        runner = ModuleRunner(app: app, environment: ModuleEnvironment(transport: transport, clock: clock, random: { 0 }))
        connection = try requireConnectionValues(app, key: apiKey ?? sandbox.apiKey)
    }

    func run(_ module: String, _ input: JSONObject = [:], position: TriggerPosition? = nil) async throws -> [JSONValue] {
        try await runner.collect(module, input: input, connection: connection, position: position).map(\.bundle)
    }

    func error(_ module: String, _ input: JSONObject = [:]) async -> ModuleError? {
        do {
            _ = try await run(module, input)
            return nil
        } catch {
            return error as? ModuleError
        }
    }

    var lastRequest: HTTPRequest? { transport.requests.last }
}

/// The connection as the CLI builds it: from the environment variables the app declares.
func requireConnectionValues(_ app: AppDefinition, key: String) throws -> JSONObject {
    let environment = ["REFINER_API_KEY": key, "REFINER_BASE_URL": "http://sandbox.test/v1"]
    guard let connection = app.connection else { throw Fixtures.FixtureError(description: "the Refiner app has no connection") }
    return try connection.values(environment: environment)
}

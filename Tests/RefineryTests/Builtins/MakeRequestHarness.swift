import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting

/// Runs a one-module blueprint with `http:MakeRequest` against a transport, on a virtual clock, with the
/// catalog every command builds (`ModuleCatalog(apps:)`, which brings the built-ins).
struct MakeRequestHarness {
    var transport: any HTTPTransport
    var connections = HTTPConnections()
    var retryPolicy = RetryPolicy.none
    let clock = VirtualRunClock()

    struct Outcome {
        let report: RunReport
        let bundles: [JSONValue]
        var bundle: JSONValue? { bundles.first }
        var error: RunReport.ErrorRecord? { report.firstUnhandledError }
    }

    static func blueprint(mapper: String, parameters: String = "{}") -> String {
        """
        {"name": "http", "flow": [{"id": 1, "module": "http:MakeRequest", "version": 4, "parameters": \(parameters), "mapper": \(mapper)}],
         "metadata": {}}
        """
    }

    func run(mapper: String, parameters: String = "{}") async throws -> Outcome {
        try await run(blueprint: Self.blueprint(mapper: mapper, parameters: parameters))
    }

    func run(blueprint: String) async throws -> Outcome {
        let plan = try ScenarioCompiler.load(file: "s.json", bytes: Array(blueprint.utf8), catalog: ModuleCatalog(apps: []))
        var environment = RuntimeEnvironment(transport: transport, clock: clock, retryPolicy: retryPolicy, randomSeed: 1)
        environment.httpConnections = connections
        let bundles = Collector<JSONValue>()
        var options = RunOptions()
        options.onBundle = { if $0.moduleId == 1 { bundles.append($0.bundle) } }
        let report = try await ScenarioRunner(plan: plan, environment: environment, scenarioKey: "http").run(options)
        return Outcome(report: report, bundles: bundles.values)
    }

    /// The diagnostics' codes of a blueprint that fails to load (empty when it loads).
    static func problems(_ blueprint: String) -> [String] {
        do {
            _ = try ScenarioCompiler.load(file: "s.json", bytes: Array(blueprint.utf8), catalog: ModuleCatalog(apps: []))
            return []
        } catch {
            return error.diagnostics.map(\.code)
        }
    }
}

/// A loopback receiver: answers 200 with a JSON echo of nothing secret, and keeps every request.
final class RecordingReceiver: HTTPHandler {
    let requests = Collector<HTTPRequest>()

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        requests.append(request)
        return .json(["ok": true])
    }
}

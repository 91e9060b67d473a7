import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// `refinery-bench scenario [--responses N] [--read-only] [--modules DIR]`: the NPS detractor follow-up over N survey
/// responses (default 20,000) against a sandbox served on loopback in this process, through the real HTTP
/// client: the trigger reads every response, the filter keeps the detractors, and each detractor is
/// tagged, added to a segment and tracked. Reported as operations per second, with peak memory.
/// `--read-only` lets no response through the filter: the cost of reading and ordering alone.
enum ScenarioBenchmark {
    /// The shipped `scenarios/nps-detractor-follow-up.json` without its survey filter, every response in
    /// one cycle, and no request budget (the sandbox here has no rate limits either).
    static let blueprint = """
    {"name": "NPS follow-up (benchmark)", "flow": [
      {"id": 1, "module": "refiner:watchResponses", "parameters": {"include": "completed", "limit": 1000000}},
      {"id": 2, "module": "refiner:tagResponse",
       "filter": {"conditions": [
         [{"a": "{{1.data.nps_score}}", "o": "exist"}, {"a": "{{1.data.nps_score}}", "o": "number:lessorequal", "b": "6"}],
         [{"a": "{{1.data.onboarding_nps}}", "o": "exist"}, {"a": "{{1.data.onboarding_nps}}", "o": "number:lessorequal", "b": "6"}]]},
       "mapper": {"uuid": "{{1.uuid}}", "tags": ["detractor", "needs-follow-up"]}},
      {"id": 3, "module": "refiner:addContactToSegment", "filter": {"conditions": [[{"a": "{{1.contact.email}}", "o": "exist"}]]},
       "mapper": {"segmentUuid": "{{var.segment}}", "email": "{{1.contact.email}}"}},
      {"id": 4, "module": "refiner:trackEvent", "mapper": {"event": "nps_detractor", "email": "{{1.contact.email}}"}}
    ], "metadata": {"scenario": {"roundtrips": 1},
                    "refinery": {"maxOperations": 10000000, "maxPages": 100000, "requestsPerMinute": {"refiner": 100000000}}}}
    """

    struct Figures {
        var contacts: Int
        var seedSeconds: Double
        var seconds: Double
        var report: RunReport

        var read: Int { report.stats(for: 1)?.bundles ?? 0 }
        var detractors: Int { report.stats(for: 2)?.bundles ?? 0 }
        var operationsPerSecond: Double { Double(report.operations) / seconds }
    }

    static func measure(responses: Int, readOnly: Bool, modules: String) async throws -> Figures {
        // The demo seed has 10 responses per contact up to 3,000, then one more per ten contacts.
        let contacts = responses <= 3000 ? max(1, responses / 10) : 300 + (responses - 3000) * 10
        let seeding = Date()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .demo, contacts: contacts, rateLimits: .unlimited))
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        let seeded = Date().timeIntervalSince(seeding)
        let segment = try await manualSegment(sandbox)
        let (app, diagnostics) = AppLoader.load(directory: modules + "/refiner")
        guard let app, diagnostics.isEmpty else { throw BenchmarkFailure("the Refiner app in \(modules) does not load") }
        let connection: JSONObject = ["apiKey": .string(sandbox.apiKey), "baseUrl": .string("http://127.0.0.1:\(server.port)/v1")]
        let environment = RuntimeEnvironment(transport: URLSessionTransport(), clock: SystemRunClock(), connections: ["refiner": connection])
        let catalog = ModuleCatalog(apps: [app])
        var source = blueprint.replacingOccurrences(of: "{{var.segment}}", with: segment)
        if readOnly { source = source.replacingOccurrences(of: #""b": "6""#, with: #""b": "-1""#) }
        let plan = try ScenarioCompiler.load(file: "nps-bench.json", bytes: Array(source.utf8), catalog: catalog)
        let runner = ScenarioRunner(plan: plan, environment: environment, scenarioKey: "nps-bench")
        let started = Date()
        let report = try await runner.run()
        let seconds = Date().timeIntervalSince(started)
        await server.stop()
        guard report.status == .success else { throw BenchmarkFailure("the scenario ended \(report.status.rawValue): \(report.errors.first?.message ?? "")") }
        return Figures(contacts: contacts, seedSeconds: seeded, seconds: seconds, report: report)
    }

    static func run(arguments: [String]) async throws {
        let responses = ModuleBenchmark.option("--responses", in: arguments).flatMap { Int($0) } ?? 20_000
        let figures = try await measure(
            responses: responses, readOnly: arguments.contains("--read-only"), modules: ModuleBenchmark.option("--modules", in: arguments) ?? "modules"
        )
        print("scenario: \(figures.read) responses read, \(figures.detractors) detractors, \(figures.report.operations) operations in "
              + "\(String(format: "%.2f", figures.seconds)) s = \(Int(figures.operationsPerSecond)) operations/s; status \(figures.report.status.rawValue)")
        print("sandbox: \(figures.contacts) contacts seeded in \(String(format: "%.2f", figures.seedSeconds)) s; peak memory (client and server) \(Int(PeakMemory.megabytes() ?? 0)) MB")
    }

    static let section = BenchmarkSection(name: "scenario", summary: "the NPS follow-up over 20,000 responses on a loopback sandbox") { options in
        let responses = options.size(full: 20_000, quick: 3000, smoke: 100)
        let figures = try await measure(responses: responses, readOnly: false, modules: "modules")
        return [
            BenchmarkResult("\(figures.read) responses, \(figures.detractors) detractors", value: figures.seconds, unit: "s"),
            BenchmarkResult("\(figures.report.operations) operations", value: figures.operationsPerSecond, unit: "ops/s"),
            BenchmarkResult("peak memory, client and sandbox", value: PeakMemory.megabytes() ?? 0, unit: "MB"),
        ]
    }

    /// The uuid of the sandbox's "NPS detractors" segment.
    static func manualSegment(_ sandbox: RefinerSandbox) async throws -> String {
        let response = await sandbox.handle(HTTPRequest(
            method: .get, target: "/v1/segments", headers: ["Authorization": "Bearer \(sandbox.apiKey)"]
        ))
        let items = try JSONValue(parsing: response.body)["items"]?.arrayValue ?? []
        guard let uuid = items.first(where: { $0["name"] == "NPS detractors" })?["uuid"]?.stringValue else {
            throw BenchmarkFailure("the sandbox has no 'NPS detractors' segment")
        }
        return uuid
    }
}

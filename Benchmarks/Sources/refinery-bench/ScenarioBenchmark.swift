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

    static func run(arguments: [String]) async throws {
        let responses = ModuleBenchmark.option("--responses", in: arguments).flatMap { Int($0) } ?? 20_000
        let modules = ModuleBenchmark.option("--modules", in: arguments) ?? "modules"
        // The demo seed has 3,000 responses for 300 contacts, then one more per ten contacts.
        let contacts = 300 + max(0, responses - 3000) * 10
        let seeding = Date()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .demo, contacts: contacts, rateLimits: .unlimited))
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        let seeded = Date().timeIntervalSince(seeding)
        let segment = try await manualSegment(sandbox)
        let (app, diagnostics) = AppLoader.load(directory: modules + "/refiner")
        guard let app, diagnostics.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        let environment = ModuleEnvironment(transport: URLSessionTransport(), clock: SystemRunClock())
        let connection: JSONObject = ["apiKey": .string(sandbox.apiKey), "baseUrl": .string("http://127.0.0.1:\(server.port)/v1")]
        let catalog = AppCatalog.make(apps: [app], environment: environment, connections: ["refiner": connection])
        var source = blueprint.replacingOccurrences(of: "{{var.segment}}", with: segment)
        if arguments.contains("--read-only") { source = source.replacingOccurrences(of: #""b": "6""#, with: #""b": "-1""#) }
        let plan = try ScenarioCompiler.load(file: "nps-bench.json", bytes: Array(source.utf8), catalog: catalog)
        let runner = ScenarioRunner(plan: plan, clock: SystemRunClock(), store: MemoryStateStore(), scenarioKey: "nps-bench")
        let started = Date()
        let report = try await runner.run()
        let seconds = Date().timeIntervalSince(started)
        await server.stop()
        let read = report.stats(for: 1)?.bundles ?? 0
        let detractors = report.stats(for: 2)?.bundles ?? 0
        print("scenario: \(read) responses read, \(detractors) detractors, \(report.operations) operations in \(String(format: "%.2f", seconds)) s "
              + "= \(Int(Double(report.operations) / seconds)) operations/s (\(Int(Double(read) / seconds)) responses/s); status \(report.status.rawValue)")
        print("sandbox: \(contacts) contacts seeded in \(String(format: "%.2f", seeded)) s; peak memory (client and server) \(Int(ModuleBenchmark.peakMemoryMB())) MB")
    }

    /// The uuid of the sandbox's "NPS detractors" segment.
    static func manualSegment(_ sandbox: RefinerSandbox) async throws -> String {
        let response = await sandbox.handle(HTTPRequest(
            method: .get, target: "/v1/segments", headers: ["Authorization": "Bearer \(sandbox.apiKey)"]
        ))
        let items = try JSONValue(parsing: response.body)["items"]?.arrayValue ?? []
        guard let uuid = items.first(where: { $0["name"] == "NPS detractors" })?["uuid"]?.stringValue else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return uuid
    }
}

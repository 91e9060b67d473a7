import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// `refinery-bench engine [COUNT]`: COUNT bundles (default 100,000) through an iterator, a filter, a
/// 10-field mapping and an array aggregator, with no HTTP. Prints the time and the bundles per second.
enum EngineBenchmark {
    /// The first module: an instant trigger whose delivery holds the items.
    struct Hook: ScenarioModule {
        let descriptor = ModuleDescriptor(kind: .instantTrigger)
        func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
            AsyncThrowingStream { $0.finish() }
        }
    }

    static let blueprint = """
    {"name": "bench", "flow": [
      {"id": 1, "module": "bench:hook"},
      {"id": 2, "module": "builtin:BasicFeeder", "mapper": {"array": "{{1.items}}"}},
      {"id": 3, "module": "builtin:BasicAggregator", "parameters": {"feeder": 2},
       "filter": {"conditions": [[{"a": "{{2.score}}", "o": "number:greaterorequal", "b": "0"}]]},
       "mapper": {"id": "{{2.id}}", "email": "{{2.email}}", "name": "{{2.name}}", "score": "{{2.score}}",
                  "form": "{{2.form}}", "tag": "{{2.tag}}", "country": "{{2.country}}", "plan": "{{2.plan}}",
                  "created": "{{2.created}}", "index": "{{2.__IMTINDEX__}}"}}
    ], "metadata": {"refinery": {"maxBundleBytes": 1000000000}}}
    """

    static func items(_ count: Int) -> JSONValue {
        .array((0..<count).map { index in
            [
                "id": .int(index), "email": .string("user\(index)@example.com"), "name": .string("User \(index)"),
                "score": .int(index % 11), "form": "f-1", "tag": "nps", "country": "DE", "plan": "pro",
                "created": "2026-01-01T00:00:00Z",
            ]
        })
    }

    /// Runs COUNT bundles once; the seconds the run took and its report.
    static func measure(count: Int) async throws -> (seconds: Double, report: RunReport) {
        let plan = try ScenarioCompiler.load(file: "bench.json", bytes: Array(blueprint.utf8), catalog: ModuleCatalog(["bench:hook": Hook()]))
        var options = RunOptions()
        options.deliveries = [["items": items(count)]]
        let runner = ScenarioRunner(plan: plan, environment: RuntimeEnvironment(transport: OfflineTransport(), clock: SystemRunClock()), scenarioKey: "bench")
        let start = Date()
        let report = try await runner.run(options)
        return (Date().timeIntervalSince(start), report)
    }

    static func run(count: Int) async throws {
        let (seconds, report) = try await measure(count: count)
        let perSecond = Double(count) / seconds
        let aggregated = report.stats(for: 3)?.bundles ?? 0
        print("engine: \(count) bundles through iterator, filter, 10-field mapping, aggregator in \(String(format: "%.3f", seconds)) s (\(Int(perSecond)) bundles/s); \(aggregated) aggregate, status \(report.status.rawValue)")
    }

    static let section = BenchmarkSection(name: "engine", summary: "bundles through iterator, filter, 10-field mapping and aggregator, no HTTP") { options in
        let count = options.size(full: 100_000, quick: 10_000, smoke: 100)
        let (seconds, report) = try await measure(count: count)
        guard report.status == .success else { throw BenchmarkFailure("the engine run ended \(report.status.rawValue)") }
        return [
            BenchmarkResult("\(count) bundles", value: seconds, unit: "s", target: options.target(.atMost(0.5))),
            BenchmarkResult("throughput", value: Double(count) / seconds, unit: "bundles/s"),
            BenchmarkResult("peak memory (whole process so far)", value: PeakMemory.megabytes() ?? 0, unit: "MB"),
        ]
    }
}

/// A benchmark that could not measure what it meant to.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

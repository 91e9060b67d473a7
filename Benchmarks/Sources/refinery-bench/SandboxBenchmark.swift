import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// Requests per second against the sandbox over loopback, and peak memory with 100,000 contacts.
///
/// The server runs in this process; the load comes from a second process: this same binary started
/// as `refinery-bench sandbox-client ...` (see `SandboxLoadClient`), which opens keep-alive
/// connections and reports what it measured as JSON. Entry points for the driver (main.swift):
/// `SandboxBenchmark.run(arguments:)` for `refinery-bench sandbox [--contacts N] [--seconds S]
/// [--connections C]`, and `SandboxLoadClient.main(arguments:)` for `sandbox-client`.
enum SandboxBenchmark {
    struct Options {
        var contacts = 100_000
        var seconds = 5.0
        var connections = 4

        init(arguments: [String]) {
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                let value = iterator.next()
                switch argument {
                case "--contacts": contacts = value.flatMap { Int($0) } ?? contacts
                case "--seconds": seconds = value.flatMap { Double($0) } ?? seconds
                case "--connections": connections = value.flatMap { Int($0) } ?? connections
                default: break
                }
            }
        }
    }

    /// Runs both measurements and prints a Markdown table row per scenario.
    static func run(arguments: [String]) async throws {
        let options = Options(arguments: arguments)
        let baseline = (PeakMemory.megabytes() ?? 0)
        let seedStart = Date()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(
            seed: .demo, contacts: options.contacts, rateLimits: .unlimited
        ))
        let seedSeconds = Date().timeIntervalSince(seedStart)
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        print("sandbox: \(options.contacts) contacts seeded in \(format(seedSeconds)) s; peak memory \(format((PeakMemory.megabytes() ?? 0))) MB (process before seeding: \(format(baseline)) MB)")
        print("| request | connections | requests | seconds | requests/s | MB/s received |")
        print("|---|---|---|---|---|---|")
        for scenario in ["contacts", "identify"] {
            let report = try runClient(port: server.port, key: sandbox.apiKey, scenario: scenario, options: options)
            let requests = report["requests"]?.intValue ?? 0
            let seconds = report["seconds"]?.doubleValue ?? 1
            let megabytes = Double(report["bytes"]?.intValue ?? 0) / 1_048_576
            let label = scenario == "contacts" ? "GET /v1/contacts?page_length=1000" : "POST /v1/identify-user"
            print("| `\(label)` | \(options.connections) | \(requests) | \(format(seconds)) | \(format(Double(requests) / seconds)) | \(format(megabytes / seconds)) |")
            if let failures = report["failures"]?.intValue, failures > 0 { print("  (\(failures) non-200 answers)") }
        }
        print("peak memory after both runs: \(format((PeakMemory.megabytes() ?? 0))) MB")
        await server.stop()
    }

    /// Starts `refinery-bench sandbox-client` and returns its JSON report.
    static func runClient(port: Int, key: String, scenario: String, options: Options) throws -> JSONValue {
        try BenchmarkChild.report([
            "sandbox-client", "--port", String(port), "--key", key, "--scenario", scenario,
            "--seconds", String(options.seconds), "--connections", String(options.connections),
            "--contacts", String(options.contacts),
        ])
    }

    static func format(_ value: Double) -> String {
        String(format: value >= 100 ? "%.0f" : "%.2f", value)
    }
}

extension SandboxBenchmark {
    static let section = BenchmarkSection(name: "sandbox", summary: "requests per second on loopback from a second process, 100,000 contacts") { options in
        var settings = Options(arguments: [])
        settings.contacts = options.size(full: 100_000, quick: 10_000, smoke: 100)
        settings.seconds = options.smoke ? 0.2 : options.quick ? 1 : 5
        let seeding = Date()
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .demo, contacts: settings.contacts, rateLimits: .unlimited))
        let seedSeconds = Date().timeIntervalSince(seeding)
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        var results = [BenchmarkResult("seed \(settings.contacts) contacts", value: seedSeconds, unit: "s")]
        for (scenario, label) in [("contacts", "GET /v1/contacts?page_length=1000"), ("identify", "POST /v1/identify-user")] {
            let report = try runClient(port: server.port, key: sandbox.apiKey, scenario: scenario, options: settings)
            let requests = Double(report["requests"]?.intValue ?? 0)
            guard requests > 0, report["failures"]?.intValue ?? 0 == 0 else { throw BenchmarkFailure("\(label): \(report.serialized())") }
            results.append(BenchmarkResult("\(label), \(settings.connections) connections", value: requests / (report["seconds"]?.doubleValue ?? 1), unit: "req/s"))
        }
        await server.stop()
        results.append(BenchmarkResult("peak memory of the server process", value: PeakMemory.megabytes() ?? 0, unit: "MB"))
        return results
    }
}

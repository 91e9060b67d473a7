import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization

/// Durably accepted webhook deliveries per second, latency percentiles and peak memory.
///
/// This process runs `ScenarioHost` (the serving layer of `refinery serve`) with one instant-trigger
/// scenario (watchCompletedSurvey -> trackEvent on an in-process sandbox) and a journal in a temporary
/// folder, fsync per batch as in production. The load comes from a second process, this binary started as
/// `refinery-bench webhooks-client ...`: `connections` keep-alive connections posting deliveries back to
/// back for `seconds`, timing each. `refinery-bench webhooks [--seconds S] [--connections C]`.
enum WebhookBenchmark {
    static let token = "bench-webhook-token-0001"

    struct Figures {
        var report: JSONValue
        var processed: Int
        var drainSeconds: Double
        var baselineMB: Double

        var accepted: Int { report["accepted"]?.intValue ?? 0 }
        var acceptedPerSecond: Double { Double(accepted) / (report["seconds"]?.doubleValue ?? 1) }
        func latency(_ percentile: String) -> Double { report["latencyMs"]?[percentile]?.doubleValue ?? 0 }
    }

    static func measure(_ options: SandboxBenchmark.Options) async throws -> Figures {
        let baseline = PeakMemory.megabytes() ?? 0
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("webhook-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let processed = Mutex(0)
        let (scenario, environment) = try scenario()
        let host = try ScenarioHost([scenario], options: ScenarioHost.Options(stateDirectory: directory, environment: environment)) { event in
            if case .delivered = event { processed.withLock { $0 += 1 } }
        }
        try await host.start()
        let report = try client(port: host.server.port, options: options)
        let drainStart = Date()
        await host.stop()
        return Figures(report: report, processed: processed.withLock { $0 }, drainSeconds: Date().timeIntervalSince(drainStart), baselineMB: baseline)
    }

    static func run(arguments: [String]) async throws {
        let options = SandboxBenchmark.Options(arguments: arguments)
        let figures = try await measure(options)
        let seconds = figures.report["seconds"]?.doubleValue ?? 1
        print("| connections | accepted | other answers | seconds | accepted/s | p50 ms | p95 ms | p99 ms |")
        print("|---|---|---|---|---|---|---|---|")
        print("| \(options.connections) | \(figures.accepted) | \(figures.report["failures"]?.intValue ?? 0) | \(f(seconds)) | \(f(figures.acceptedPerSecond)) "
            + "| \(f(figures.latency("p50"))) | \(f(figures.latency("p95"))) | \(f(figures.latency("p99"))) |")
        print("processed \(figures.processed) executions (the last \(f(figures.drainSeconds)) s after the load stopped); "
            + "peak memory \(f(PeakMemory.megabytes() ?? 0)) MB (process at start: \(f(figures.baselineMB)) MB)")
    }

    static let section = BenchmarkSection(name: "webhooks", summary: "durably accepted webhook deliveries on loopback, from a second process") { options in
        var settings = SandboxBenchmark.Options(arguments: [])
        settings.seconds = options.smoke ? 0.2 : options.quick ? 1 : 5
        settings.connections = 4
        let figures = try await measure(settings)
        guard figures.accepted > 0 else { throw BenchmarkFailure("no delivery was accepted: \(figures.report.serialized())") }
        return [
            BenchmarkResult("accepted, fsynced, \(settings.connections) connections", value: figures.acceptedPerSecond, unit: "deliveries/s"),
            BenchmarkResult("latency p50", value: figures.latency("p50"), unit: "ms"),
            BenchmarkResult("latency p99", value: figures.latency("p99"), unit: "ms"),
            BenchmarkResult("executions after the load stopped", value: figures.drainSeconds, unit: "s"),
        ]
    }

    /// The benchmark's scenario against an in-process sandbox.
    static func scenario() throws -> (HostedScenario, RuntimeEnvironment) {
        let (apps, diagnostics) = AppLoader.loadAll(modulesDirectory: "modules")
        guard diagnostics.isEmpty, let app = apps.first(where: { $0.name == "refiner" }), let spec = app.connection else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "run from the repository root (modules/refiner)"])
        }
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, rateLimits: .unlimited))
        let connection = try spec.values(environment: [:], overrides: ["apiKey": .string(sandbox.apiKey), "baseUrl": "http://sandbox.invalid/v1"])
        let environment = RuntimeEnvironment(
            transport: InProcessTransport(handler: sandbox), clock: SystemRunClock(), connections: ["refiner": connection]
        )
        let catalog = ModuleCatalog(apps: [app])
        let blueprint = """
        {"name": "bench", "flow": [
          {"id": 1, "module": "refiner:watchCompletedSurvey", "parameters": {}},
          {"id": 2, "module": "refiner:trackEvent", "mapper": {"event": "completed", "id": "{{1.remote_id}}"}}],
         "metadata": {"refinery": {"requestsPerMinute": {"refiner": 100000000},
                                   "webhook": {"queueCapacity": 100000000, "maxConcurrent": 4}}}}
        """
        let plan = try ScenarioCompiler.load(file: "bench.json", bytes: Array(blueprint.utf8), catalog: catalog)
        return (HostedScenario(plan: plan, token: token), environment)
    }

    /// The load from a child process: `path` (Refiner's webhook by default, with its Bearer token; a
    /// custom webhook's path holds its token and needs no header).
    /// With several `ports`, connection i posts to `ports[i % ports.count]` (a load balancer in front of
    /// several workers).
    static func client(port: Int, options: SandboxBenchmark.Options, path: String = "/hooks/bench", bearer: String = token) throws -> JSONValue {
        try client(ports: [port], options: options, path: path, bearer: bearer)
    }

    static func client(ports: [Int], options: SandboxBenchmark.Options, path: String = "/hooks/bench", bearer: String = token) throws -> JSONValue {
        try BenchmarkChild.report([
            "webhooks-client", "--port", ports.map(String.init).joined(separator: ","), "--seconds", String(options.seconds), "--connections", String(options.connections),
            "--path", path, "--bearer", bearer.isEmpty ? "-" : bearer,
        ])
    }

    static func f(_ value: Double) -> String { SandboxBenchmark.format(value) }
}

/// The load generator of `WebhookBenchmark`, in its own process. Prints
/// `{"accepted": N, "failures": N, "seconds": S, "latencyMs": {"p50", "p95", "p99"}}`. `--port` may list
/// several ports, comma-separated: the connections are spread over them in turn.
enum WebhookLoadClient {
    static func main(arguments: [String]) {
        var values: [String: String] = [:]
        var iterator = arguments.makeIterator()
        while let name = iterator.next(), let value = iterator.next() { values[name] = value }
        let ports = (values["--port"] ?? "").split(separator: ",").compactMap { Int($0) }
        let seconds = Double(values["--seconds"] ?? "") ?? 5
        let connections = Int(values["--connections"] ?? "") ?? 4
        let target = Target(path: values["--path"] ?? "/hooks/bench", bearer: values["--bearer"].flatMap { $0 == "-" ? nil : $0 } ?? nil)
        let results = Mutex((accepted: 0, failures: 0, latencies: [Double]()))
        let group = DispatchGroup()
        let start = Date()
        for worker in 0..<connections {
            group.enter()
            Thread {
                let port = ports.isEmpty ? 0 : ports[worker % ports.count]
                let (accepted, failures, latencies) = load(port: port, target: target, worker: worker, until: start.addingTimeInterval(seconds))
                results.withLock { $0.accepted += accepted; $0.failures += failures; $0.latencies += latencies }
                group.leave()
            }.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        let totals = results.withLock { $0 }
        let sorted = totals.latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print("{\"accepted\": \(totals.accepted), \"failures\": \(totals.failures), \"seconds\": \(elapsed), "
            + "\"latencyMs\": {\"p50\": \(percentile(0.5)), \"p95\": \(percentile(0.95)), \"p99\": \(percentile(0.99))}}")
    }

    struct Target {
        var path: String
        var bearer: String?

        var headers: String { bearer.map { "Authorization: Bearer \($0)\r\n" } ?? "" }
    }

    static func load(port: Int, target: Target, worker: Int, until deadline: Date) -> (Int, Int, [Double]) {
        var accepted = 0, failures = 0
        var latencies: [Double] = []
        guard let socket = try? Socket.connect(host: "127.0.0.1", port: port) else { return (0, 0, []) }
        defer { socket.close() }
        var reader = ResponseReader(socket: socket)
        var number = worker
        while Date() < deadline {
            number += 7919
            let body = "{\"triggered_event\":\"Completed Survey\",\"remote_id\":\"user-\(number % 5000)\",\"form\":{\"uuid\":\"f\",\"name\":\"NPS\"},"
                + "\"response\":{\"uuid\":\"r-\(number)\",\"data\":{\"nps_score\":\(number % 11)},\"tags\":[]}}"
            let request = "POST \(target.path) HTTP/1.1\r\nHost: bench\r\n\(target.headers)"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
            let sent = Date()
            guard socket.sendAll(Array(request.utf8)), let (status, _) = reader.next() else { break }
            latencies.append(Date().timeIntervalSince(sent) * 1000)
            if status == 200 { accepted += 1 } else { failures += 1 }
        }
        return (accepted, failures, latencies)
    }
}

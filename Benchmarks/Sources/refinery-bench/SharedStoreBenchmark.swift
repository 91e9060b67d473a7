import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryPostgres
import RefineryTesting
import Synchronization

/// Webhook deliveries accepted per second, and executions per second, with 1, 2 and 4 workers sharing one
/// PostgreSQL store (`serve --store`), against the files store on one worker.
///
/// Each worker is a `ScenarioHost` (the serving layer of `refinery serve`) with a `PostgresStore` of its
/// own (its own connection pool, lock connections and worker name), as a separate process would have; they
/// run in this process, on its cores, beside the database. The load is the `webhooks` benchmark's: a child
/// process with 4 keep-alive connections spread over the workers' ports, posting back to back. Executions
/// per second count every delivery processed, from the start of the load to the last one done. The
/// database is `REFINERY_STORE` when set, else a server started for the run (fsync on), as the tests do.
/// `refinery-bench shared-store [--seconds S] [--connections C]`.
enum SharedStoreBenchmark {
    struct Figures {
        var workers: Int
        var accepted: Int
        var acceptedPerSecond: Double
        var executionsPerSecond: Double
    }

    /// `workers` hosts on one fresh database of `server`; deliveries from the load client until all done.
    static func measure(workers: Int, database: PostgresConfiguration, options: SandboxBenchmark.Options) async throws -> Figures {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("shared-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let processed = Mutex(0)
        let (scenario, environment) = try WebhookBenchmark.scenario()
        var hosts: [ScenarioHost] = []
        var stores: [PostgresStore] = []
        for index in 0..<workers {
            let store = PostgresStore(database, worker: "bench-\(index)")
            if index == 0 { try store.migrate() }
            var hostOptions = ScenarioHost.Options(stateDirectory: directory, environment: environment)
            hostOptions.shared = store
            let host = try ScenarioHost([scenario], options: hostOptions) { event in
                if case .delivered = event { processed.withLock { $0 += 1 } }
            }
            try await host.start()
            hosts.append(host)
            stores.append(store)
        }
        let started = Date()
        let report = try WebhookBenchmark.client(ports: hosts.map(\.server.port), options: options)
        let accepted = report["accepted"]?.intValue ?? 0
        let deadline = Date().addingTimeInterval(120)
        while processed.withLock({ $0 }) < accepted, Date() < deadline { try await Task.sleep(nanoseconds: 2_000_000) }
        let done = processed.withLock { $0 }
        let elapsed = Date().timeIntervalSince(started)
        for host in hosts { await host.stop() }
        stores.forEach { $0.close() }
        guard done >= accepted else { throw BenchmarkFailure("\(workers) workers processed \(done) of \(accepted) deliveries in 120 s") }
        let seconds = report["seconds"]?.doubleValue ?? 1
        return Figures(workers: workers, accepted: accepted, acceptedPerSecond: Double(accepted) / seconds, executionsPerSecond: Double(done) / elapsed)
    }

    /// The files store on one worker, measured the same way (the `webhooks` benchmark).
    static func filesBaseline(_ options: SandboxBenchmark.Options) async throws -> Figures {
        let figures = try await WebhookBenchmark.measure(options)
        let seconds = figures.report["seconds"]?.doubleValue ?? 1
        return Figures(
            workers: 1, accepted: figures.accepted, acceptedPerSecond: figures.acceptedPerSecond,
            executionsPerSecond: Double(figures.processed) / (seconds + figures.drainSeconds)
        )
    }

    /// Every worker count on a database of its own, then the files baseline.
    static func measureAll(workerCounts: [Int], options: SandboxBenchmark.Options) async throws -> (files: Figures, shared: [Figures]) {
        let files = try await filesBaseline(options)
        let server: PostgresTestServer? = ProcessInfo.processInfo.environment["REFINERY_STORE"] == nil ? try PostgresTestServer() : nil
        defer { server?.stop() }
        var shared: [Figures] = []
        for workers in workerCounts {
            let database = try server?.makeDatabase() ?? PostgresConfiguration(url: ProcessInfo.processInfo.environment["REFINERY_STORE"] ?? "")
            shared.append(try await measure(workers: workers, database: database, options: options))
        }
        return (files, shared)
    }

    static func run(arguments: [String]) async throws {
        let options = SandboxBenchmark.Options(arguments: arguments)
        let (files, shared) = try await measureAll(workerCounts: [1, 2, 4], options: options)
        print("| store | workers | accepted | accepted/s | executions/s |")
        print("|---|---|---|---|---|")
        for (store, figures) in [("files", files)] + shared.map({ ("PostgreSQL", $0) }) {
            print("| \(store) | \(figures.workers) | \(figures.accepted) | \(f(figures.acceptedPerSecond)) | \(f(figures.executionsPerSecond)) |")
        }
    }

    static let section = BenchmarkSection(
        name: "shared-store", summary: "webhook deliveries with 1, 2 and 4 workers on one PostgreSQL, against files on one"
    ) { options in
        var settings = SandboxBenchmark.Options(arguments: [])
        settings.seconds = options.smoke ? 0.2 : options.quick ? 1 : 5
        settings.connections = 4
        let (files, shared) = try await measureAll(workerCounts: options.smoke ? [2] : [1, 2, 4], options: settings)
        var results = [
            BenchmarkResult("files, 1 worker: accepted, fsynced", value: files.acceptedPerSecond, unit: "deliveries/s"),
            BenchmarkResult("files, 1 worker: executions", value: files.executionsPerSecond, unit: "executions/s"),
        ]
        for figures in shared {
            guard figures.accepted > 0 else { throw BenchmarkFailure("no delivery was accepted by \(figures.workers) workers") }
            let workers = figures.workers == 1 ? "1 worker" : "\(figures.workers) workers"
            results.append(BenchmarkResult(
                "PostgreSQL, \(workers): accepted, committed", value: figures.acceptedPerSecond, unit: "deliveries/s",
                baseline: .init(name: "files, 1 worker", value: files.acceptedPerSecond)
            ))
            results.append(BenchmarkResult(
                "PostgreSQL, \(workers): executions", value: figures.executionsPerSecond, unit: "executions/s",
                baseline: .init(name: "files, 1 worker", value: files.executionsPerSecond)
            ))
        }
        return results
    }

    static func f(_ value: Double) -> String { SandboxBenchmark.format(value) }
}

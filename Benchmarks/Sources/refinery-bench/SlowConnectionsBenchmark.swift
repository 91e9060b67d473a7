import Foundation
import Refinery
import RefineryHTTP
import Synchronization

/// Webhook deliveries answered while slow clients hold the server's connections (a slowloris).
///
/// This process runs `ScenarioHost` (the serving layer of `refinery serve`, default `HTTPServerLimits`)
/// with the webhook benchmark's scenario, and a `SlowCrowd` of `--slow` sockets that each send one header
/// byte a second and reconnect whenever the server cuts them, as an attacker would. Meanwhile one client
/// posts `--deliveries` deliveries, `--rate` a second, each on a new connection, timing each.
/// `refinery-bench slow-connections [--slow N] [--deliveries N] [--rate R]`.
enum SlowConnectionsBenchmark {
    struct Options {
        var slow = 600
        var deliveries = 300
        var rate = 20.0
        var maxConnections = HTTPServerLimits().maxConnections

        init(arguments: [String]) {
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                let value = iterator.next()
                switch argument {
                case "--slow": slow = value.flatMap { Int($0) } ?? slow
                case "--deliveries": deliveries = value.flatMap { Int($0) } ?? deliveries
                case "--rate": rate = value.flatMap { Double($0) } ?? rate
                case "--max-connections": maxConnections = value.flatMap { Int($0) } ?? maxConnections
                default: break
                }
            }
        }
    }

    struct Figures {
        var statuses: [Int: Int]
        var latencies: [Double]
        var seconds: Double
        var crowd: SlowCrowd.Counts

        var answered200: Int { statuses[200] ?? 0 }
        func latency(_ fraction: Double) -> Double {
            let sorted = latencies.sorted()
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
    }

    static func measure(_ options: Options) async throws -> Figures {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("slow-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (scenario, environment) = try WebhookBenchmark.scenario()
        var hostOptions = ScenarioHost.Options(stateDirectory: directory, environment: environment)
        hostOptions.limits.maxConnections = options.maxConnections
        let host = try ScenarioHost([scenario], options: hostOptions) { _ in }
        try await host.start()
        let crowd = SlowCrowd(port: host.server.port, size: options.slow)
        crowd.start()
        let started = Date()
        let (statuses, latencies) = try await deliver(port: host.server.port, options: options)
        let seconds = Date().timeIntervalSince(started)
        let counts = crowd.stop()
        await host.stop()
        return Figures(statuses: statuses, latencies: latencies, seconds: seconds, crowd: counts)
    }

    /// Posts the deliveries one at a time, each on a new connection, at `options.rate` a second.
    static func deliver(port: Int, options: Options) async throws -> ([Int: Int], [Double]) {
        try await BenchmarkThread.run {
            var statuses: [Int: Int] = [:]
            var latencies: [Double] = []
            let started = Date()
            for number in 0..<options.deliveries {
                let due = started.addingTimeInterval(Double(number) / options.rate)
                if due > Date() { Thread.sleep(until: due) }
                let sent = Date()
                let status = deliverOne(port: port, number: number) ?? 0
                latencies.append(Date().timeIntervalSince(sent) * 1000)
                statuses[status, default: 0] += 1
            }
            return (statuses, latencies)
        }
    }

    /// One delivery on a new connection: its status, nil if the connection failed or ended first.
    static func deliverOne(port: Int, number: Int) -> Int? {
        guard let socket = try? Socket.connect(host: "127.0.0.1", port: port) else { return nil }
        defer { socket.close() }
        let body = "{\"triggered_event\":\"Completed Survey\",\"remote_id\":\"user-\(number)\",\"form\":{\"uuid\":\"f\",\"name\":\"NPS\"},"
            + "\"response\":{\"uuid\":\"r-\(number)\",\"data\":{\"nps_score\":\(number % 11)},\"tags\":[]}}"
        let request = "POST /hooks/bench HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer \(WebhookBenchmark.token)\r\n"
            + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        guard socket.sendAll(Array(request.utf8)) else { return nil }
        var reader = ResponseReader(socket: socket)
        return reader.next()?.0
    }

    static func run(arguments: [String]) async throws {
        let options = Options(arguments: arguments)
        let figures = try await measure(options)
        print("| slow sockets | cap | deliveries | 200 | other answers | p50 ms | p99 ms | max ms | slow cut at the header deadline (408) | slow shed (503 or closed) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        let other = figures.statuses.filter { $0.key != 200 }.map { "\($0.value)× \($0.key == 0 ? "no answer" : String($0.key))" }
        print("| \(options.slow) | \(options.maxConnections) | \(options.deliveries) | \(figures.answered200) | \(other.isEmpty ? "none" : other.joined(separator: ", ")) "
            + "| \(f(figures.latency(0.5))) | \(f(figures.latency(0.99))) | \(f(figures.latencies.max() ?? 0)) "
            + "| \(figures.crowd.timedOut) | \(figures.crowd.shed) |")
        print("over \(f(figures.seconds)) s at \(f(options.rate)) deliveries/s; the crowd opened \(figures.crowd.opened) connections in all")
    }

    static let section = BenchmarkSection(name: "slow-connections", summary: "webhook deliveries while slow sockets hold the connection cap") { options in
        var settings = Options(arguments: [])
        if options.smoke { (settings.slow, settings.deliveries, settings.maxConnections) = (8, 3, 4) }
        if options.quick { (settings.slow, settings.deliveries) = (600, 60) }
        let figures = try await measure(settings)
        return [
            BenchmarkResult("deliveries answered 200 (of \(settings.deliveries)), \(settings.slow) slow sockets", value: Double(figures.answered200),
                            unit: "deliveries", target: options.target(.atLeast(Double(settings.deliveries)))),
            BenchmarkResult("latency p50", value: figures.latency(0.5), unit: "ms"),
            BenchmarkResult("latency p99", value: figures.latency(0.99), unit: "ms"),
        ]
    }

    static func f(_ value: Double) -> String { SandboxBenchmark.format(value) }
}

/// Runs blocking work on a thread of its own, off the cooperative pool the server's handlers need.
enum BenchmarkThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization

/// `listContacts` through the module runtime against a local sandbox server, compared with a bare
/// URLSession loop fetching the same pages (`GET /v1/contacts?page_length=1000&page_cursor=...`, each
/// page parsed for its cursor), for N and 10 N contacts.
///
/// The sandbox server runs in this process; each measurement runs in a child process (this binary as
/// `refinery-bench modules-client ...`) so its peak memory (VmHWM) is the client's alone. Entry points
/// for the driver (main.swift): `ModuleBenchmark.run(arguments:)` for `refinery-bench modules
/// [--contacts N] [--rounds R] [--modules DIR]`, and `ModuleBenchmark.client(arguments:)` for
/// `modules-client`.
enum ModuleBenchmark {
    static func option(_ name: String, in arguments: [String]) -> String? {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    }

    /// For `count` contacts: the best report of each client ("bare", "module") over `rounds`.
    static func measure(count: Int, rounds: Int, modules: String) async throws -> [String: JSONValue] {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, contacts: count, rateLimits: .unlimited))
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        var best: [String: JSONValue] = [:]
        for _ in 0..<rounds {
            for mode in ["bare", "module"] {
                let report = try runClient(["--mode", mode, "--port", String(server.port), "--key", sandbox.apiKey,
                                            "--limit", String(count), "--modules", modules])
                let seconds = report["seconds"]?.doubleValue ?? .infinity
                if seconds < (best[mode]?["seconds"]?.doubleValue ?? .infinity) { best[mode] = report }
            }
        }
        await server.stop()
        return best
    }

    static func run(arguments: [String]) async throws {
        let contacts = option("--contacts", in: arguments).flatMap { Int($0) } ?? 20_000
        let rounds = option("--rounds", in: arguments).flatMap { Int($0) } ?? 3
        let modules = option("--modules", in: arguments) ?? "modules"
        print("| contacts | client | best of \(rounds) (s) | items | pages | client peak memory (MB) | client memory at start (MB) |")
        print("|---|---|---|---|---|---|---|")
        for count in [contacts, contacts * 10] {
            let best = try await measure(count: count, rounds: rounds, modules: modules)
            for mode in ["bare", "module"] {
                guard let report = best[mode] else { continue }
                print("| \(count) | \(mode) | \(format(report["seconds"])) | \(report["items"] ?? .null) | \(report["pages"] ?? .null) | \(format(report["peakMB"])) | \(format(report["startMB"])) |")
            }
            let ratio = (best["module"]?["seconds"]?.doubleValue ?? 0) / max(best["bare"]?["seconds"]?.doubleValue ?? 1, 1e-9)
            print("| \(count) | module / bare | \(String(format: "%.2fx", ratio)) | | | | |")
        }
    }

    static let section = BenchmarkSection(name: "modules", summary: "listContacts through the module runtime vs a bare URLSession loop") { options in
        let contacts = options.size(full: 20_000, quick: 2000, smoke: 50)
        let rounds = options.size(full: 3, quick: 1, smoke: 1)
        var results: [BenchmarkResult] = []
        var peaks: [Double] = []
        for count in [contacts, contacts * 10] {
            let best = try await measure(count: count, rounds: rounds, modules: "modules")
            let seconds = { (mode: String) in best[mode]?["seconds"]?.doubleValue ?? .nan }
            results.append(BenchmarkResult(
                "listContacts limit \(count)", value: seconds("module"), unit: "s",
                baseline: .init(name: "bare URLSession loop", value: seconds("bare")), target: options.target(.ratioAtMost(1.3))
            ))
            peaks.append(best["module"]?["peakMB"]?.doubleValue ?? .nan)
        }
        results.append(BenchmarkResult(
            "client peak memory at \(contacts * 10) contacts", value: peaks[1], unit: "MB",
            baseline: .init(name: "at \(contacts)", value: peaks[0]), target: options.target(.ratioAtMost(1.2))
        ))
        return results
    }

    static func runClient(_ arguments: [String]) throws -> JSONValue {
        try BenchmarkChild.report(["modules-client"] + arguments)
    }

    /// One measurement; prints a JSON report on stdout.
    static func client(arguments: [String]) async throws {
        let port = option("--port", in: arguments) ?? "0"
        let key = option("--key", in: arguments) ?? ""
        let limit = option("--limit", in: arguments).flatMap { Int($0) } ?? 20_000
        let baseURL = "http://127.0.0.1:\(port)/v1"
        let startMB = (PeakMemory.megabytes() ?? 0)
        let started = Date()
        let (items, pages) = option("--mode", in: arguments) == "bare"
            ? try await bareLoop(baseURL: baseURL, key: key, limit: limit)
            : try await moduleRun(baseURL: baseURL, key: key, limit: limit, modules: option("--modules", in: arguments) ?? "modules")
        let report: JSONValue = ["seconds": .double(Date().timeIntervalSince(started)), "items": .int(items), "pages": .int(pages),
                                 "peakMB": .double(PeakMemory.megabytes() ?? 0), "startMB": .double(startMB)]
        print(report.serialized())
    }

    static func bareLoop(baseURL: String, key: String, limit: Int) async throws -> (Int, Int) {
        let session = URLSession(configuration: .ephemeral)
        var items = 0, pages = 0
        var cursor: String?
        repeat {
            var url = "\(baseURL)/contacts?page_length=\(min(limit - items, 1000))"
            if let cursor { url += "&page_cursor=" + PercentEncoding.encode(cursor) }
            var request = URLRequest(url: URL(string: url)!)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await session.data(for: request)
            let page = try JSONValue(parsing: Array(data))
            items += page["items"]?.arrayValue?.count ?? 0
            pages += 1
            cursor = page["pagination"]?["next_page_cursor"]?.stringValue
        } while cursor != nil && items < limit
        return (items, pages)
    }

    static func moduleRun(baseURL: String, key: String, limit: Int, modules: String) async throws -> (Int, Int) {
        let (app, diagnostics) = AppLoader.load(directory: modules + "/refiner")
        guard let app, diagnostics.isEmpty else { throw BenchmarkFailure("the Refiner app in \(modules) does not load") }
        let transport = CountingTransport(base: URLSessionTransport())
        let runner = ModuleRunner(app: app, environment: ModuleEnvironment(transport: transport, clock: SystemRunClock(), maxPages: 100_000))
        let counter = ItemCounter()
        try await runner.run("listContacts", input: ["limit": .int(limit)], connection: ["apiKey": .string(key), "baseUrl": .string(baseURL)]) { output in
            counter.add(output.bundle["uuid"] == nil ? 0 : 1)
        }
        return (counter.value, transport.count)
    }

    static func format(_ value: JSONValue?) -> String {
        String(format: "%.2f", value?.doubleValue ?? 0)
    }
}

/// Counts requests on their way to a transport.
final class CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let requests = Mutex(0)

    init(base: any HTTPTransport) { self.base = base }

    var count: Int { requests.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.withLock { $0 += 1 }
        return try await base.send(request)
    }
}

final class ItemCounter: Sendable {
    private let count = Mutex(0)
    func add(_ value: Int) { count.withLock { $0 += value } }
    var value: Int { count.withLock { $0 } }
}

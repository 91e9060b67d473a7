import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Make's built-in apps at work: custom-webhook deliveries durably accepted per second (a second process
/// posting to `/hooks/<scenario>/<token>`), and executions per second through `http:MakeRequest` to a
/// loopback receiver against a bare URLSession loop posting the same requests.
/// `refinery-bench builtins [--requests N] [--rounds R] [--seconds S] [--connections C]`.
enum BuiltinsBenchmark {
    static let hookToken = "bench-custom-hook-0001-0002"

    struct Settings {
        var requests = 2000
        var rounds = 3
        var load = SandboxBenchmark.Options(arguments: [])

        init(arguments: [String]) {
            load = SandboxBenchmark.Options(arguments: arguments)
            var iterator = arguments.makeIterator()
            while let name = iterator.next() {
                switch name {
                case "--requests": requests = iterator.next().flatMap { Int($0) } ?? requests
                case "--rounds": rounds = iterator.next().flatMap { Int($0) } ?? rounds
                default: continue
                }
            }
        }
    }

    // MARK: custom webhook

    /// Accepted deliveries of a `gateway:CustomWebHook -> util:SetVariable2` scenario served by `ScenarioHost`.
    static func customWebhook(_ load: SandboxBenchmark.Options) async throws -> JSONValue {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("custom-hook-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let blueprint = """
        {"name": "hook", "flow": [
          {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 123456, "maxResults": 1}},
          {"id": 2, "module": "util:SetVariable2", "version": 1, "mapper": {"name": "score", "value": "{{1.response.data.nps_score}}"}}],
         "metadata": {"refinery": {"webhook": {"queueCapacity": 100000000, "maxConcurrent": 4}}}}
        """
        let plan = try ScenarioCompiler.load(file: "hook.json", bytes: Array(blueprint.utf8), catalog: ModuleCatalog(apps: []))
        let environment = RuntimeEnvironment(transport: OfflineTransport(), clock: SystemRunClock())
        let scenario = HostedScenario(plan: plan, key: "hook", token: hookToken)
        let host = try ScenarioHost([scenario], options: ScenarioHost.Options(stateDirectory: directory, environment: environment)) { _ in }
        try await host.start()
        let report = try WebhookBenchmark.client(port: host.server.port, options: load, path: "/hooks/hook/\(hookToken)", bearer: "")
        await host.stop()
        return report
    }

    // MARK: http:MakeRequest against a bare loop

    /// Answers every POST with a small JSON body, as a CRM or a chat API does.
    struct Receiver: HTTPHandler {
        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            .json(["ok": true, "bytes": .int(request.body.count)])
        }
    }

    static func body(_ index: Int) -> String {
        ##"{"text":"NPS detractor: user-\##(index)@example.com scored \##(index % 7)","channel":"#feedback"}"##
    }

    /// `builtin:BasicRepeater` N times, then `http:MakeRequest` posting JSON to `url` (URLSession).
    static func makeRequest(count: Int, url: String) async throws -> Double {
        let blueprint = """
        {"name": "post", "flow": [
          {"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": {"repeats": \(count), "start": 0, "step": 1}},
          {"id": 2, "module": "json:CreateJSON", "version": 1, "parameters": {"space": ""},
           "mapper": {"text": "NPS detractor: user-{{1.i}}@example.com scored {{1.i % 7}}", "channel": "#feedback"}},
          {"id": 3, "module": "http:MakeRequest", "version": 4, "parameters": {"authenticationType": "noAuth"},
           "mapper": {"url": "\(url)", "method": "post", "contentType": "json", "inputMethod": "jsonString",
                      "jsonStringBodyContent": "{{2.json}}", "parseResponse": true, "stopOnHttpError": true}}],
         "metadata": {"refinery": {"maxOperations": 100000000, "requestsPerMinute": {"http": 100000000}}}}
        """
        let plan = try ScenarioCompiler.load(file: "post.json", bytes: Array(blueprint.utf8), catalog: ModuleCatalog(apps: []))
        let runner = ScenarioRunner(plan: plan, environment: RuntimeEnvironment(transport: URLSessionTransport(), clock: SystemRunClock()), scenarioKey: "post")
        let start = Date()
        let report = try await runner.run(RunOptions())
        let seconds = Date().timeIntervalSince(start)
        guard report.status == .success, report.stats(for: 3)?.bundles == count else {
            throw BenchmarkFailure("http:MakeRequest run ended \(report.status.rawValue), \(report.stats(for: 3)?.bundles ?? 0) of \(count) posted")
        }
        return seconds
    }

    /// The same requests from a bare loop: one URLSession, sequential, each answer parsed as JSON.
    static func bareLoop(count: Int, url: String) async throws -> Double {
        let session = URLSession(configuration: .ephemeral)
        let start = Date()
        for index in 0..<count {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body(index).utf8)
            let (data, _) = try await session.data(for: request)
            Stopwatch.blackHole(try JSONValue(parsing: String(decoding: data, as: UTF8.self)))
        }
        return Date().timeIntervalSince(start)
    }

    /// Best of `rounds` for each, alternating.
    static func compare(count: Int, rounds: Int) async throws -> (module: Double, bare: Double) {
        let server = try HTTPServer(handler: Receiver(), port: 0)
        try server.start()
        defer { Task { await server.stop() } }
        let url = server.baseURL + "/api/messages"
        var best = (module: Double.infinity, bare: Double.infinity)
        for _ in 0..<max(1, rounds) {
            best.bare = min(best.bare, try await bareLoop(count: count, url: url))
            best.module = min(best.module, try await makeRequest(count: count, url: url))
        }
        return best
    }

    // MARK: running

    static func run(arguments: [String]) async throws {
        let settings = Settings(arguments: arguments)
        let hook = try await customWebhook(settings.load)
        let accepted = hook["accepted"]?.intValue ?? 0
        let seconds = hook["seconds"]?.doubleValue ?? 1
        print("custom webhook: \(accepted) accepted in \(f(seconds)) s (\(f(Double(accepted) / seconds))/s, \(settings.load.connections) connections), "
            + "p50 \(f(hook["latencyMs"]?["p50"]?.doubleValue ?? 0)) ms, p99 \(f(hook["latencyMs"]?["p99"]?.doubleValue ?? 0)) ms")
        let (module, bare) = try await compare(count: settings.requests, rounds: settings.rounds)
        print("http:MakeRequest: \(settings.requests) posts in \(f(module)) s (\(f(Double(settings.requests) / module)) executions/s); "
            + "bare URLSession loop \(f(bare)) s; ratio \(f(module / bare))x")
    }

    static let section = BenchmarkSection(name: "builtins", summary: "custom-webhook deliveries accepted, http:MakeRequest against a bare loop") { options in
        var load = SandboxBenchmark.Options(arguments: [])
        load.seconds = options.smoke ? 0.2 : options.quick ? 1 : 5
        load.connections = 4
        let hook = try await customWebhook(load)
        let accepted = hook["accepted"]?.intValue ?? 0
        guard accepted > 0 else { throw BenchmarkFailure("no custom-webhook delivery was accepted: \(hook.serialized())") }
        let count = options.size(full: 2000, quick: 300, smoke: 20)
        let (module, bare) = try await compare(count: count, rounds: options.smoke ? 1 : 3)
        return [
            BenchmarkResult("custom webhook, accepted and fsynced, \(load.connections) connections", value: Double(accepted) / (hook["seconds"]?.doubleValue ?? 1), unit: "deliveries/s"),
            BenchmarkResult("custom webhook latency p99", value: hook["latencyMs"]?["p99"]?.doubleValue ?? 0, unit: "ms"),
            BenchmarkResult("http:MakeRequest, \(count) JSON posts to loopback", value: module, unit: "s",
                            baseline: .init(name: "bare URLSession loop", value: bare), target: options.target(.ratioAtMost(1.5))),
            BenchmarkResult("http:MakeRequest executions", value: Double(count) / module, unit: "executions/s"),
        ]
    }

    static func f(_ value: Double) -> String { SandboxBenchmark.format(value) }
}

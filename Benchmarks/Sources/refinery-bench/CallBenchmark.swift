import Foundation
import RefineryCLI
import RefineryJSON
import RefinerySandbox
import Synchronization

/// `refinery call refiner:listResponses --jsonl` (and `--json`) through the CLI's own code path, for N
/// and 10 N survey responses (default 20,000 and 200,000) from a sandbox served on loopback in this
/// process. Each call runs in a child process (this binary as `refinery-bench call-client ...`) whose
/// console counts what `call` writes and drops it, so the child's peak memory (VmHWM) is the call's
/// alone: flat when bundles are streamed, growing with N when they are held.
///
/// Entry points for the driver (main.swift): `CallBenchmark.run(arguments:)` for `refinery-bench call
/// [--responses N] [--modules DIR]`, and `CallBenchmark.client(arguments:)` for `call-client`.
enum CallBenchmark {
    static let formats = ["--jsonl", "--json"]

    static let section = BenchmarkSection(name: "call-memory", summary: "refinery call listResponses: peak memory at N and 10 N responses") { options in
        let responses = options.size(full: 20_000, quick: 2000, smoke: 30)
        let reports = try await measure(counts: [responses, responses * 10], modules: "modules")
        var results: [BenchmarkResult] = []
        for format in formats {
            let small = reports[Key(format: format, count: responses)] ?? [:]
            let large = reports[Key(format: format, count: responses * 10)] ?? [:]
            results.append(BenchmarkResult("call \(format), \(responses * 10) responses: time", value: large["seconds"]?.doubleValue ?? .nan, unit: "s"))
            results.append(BenchmarkResult(
                "call \(format), \(responses * 10) responses: peak memory", value: large["peakMB"]?.doubleValue ?? .nan, unit: "MB",
                baseline: .init(name: "at \(responses)", value: small["peakMB"]?.doubleValue ?? .nan), target: options.target(.ratioAtMost(1.2))
            ))
        }
        return results
    }

    struct Key: Hashable {
        var format: String
        var count: Int
    }

    /// One child per format and count, each against a sandbox seeded with exactly `count` responses.
    static func measure(counts: [Int], modules: String) async throws -> [Key: JSONObject] {
        var reports: [Key: JSONObject] = [:]
        for count in counts {
            let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .demo, contacts: 2000, responses: count, rateLimits: .unlimited))
            let server = try SandboxServer.start(sandbox: sandbox, port: 0)
            for format in formats {
                let report = try BenchmarkChild.report([
                    "call-client", "--base-url", server.baseURL, "--key", sandbox.apiKey, "--limit", String(count),
                    "--format", format, "--modules", modules,
                ])
                guard let object = report.objectValue, report["exit"] == 0, report["bundles"]?.intValue == count else {
                    throw BenchmarkFailure("call \(format) of \(count) responses: \(report.serialized())")
                }
                reports[Key(format: format, count: count)] = object
            }
            await server.stop()
        }
        return reports
    }

    static func run(arguments: [String]) async throws {
        let responses = ModuleBenchmark.option("--responses", in: arguments).flatMap { Int($0) } ?? 20_000
        let reports = try await measure(counts: [responses, responses * 10], modules: ModuleBenchmark.option("--modules", in: arguments) ?? "modules")
        print("| responses | format | time (s) | output (MB) | peak memory (MB) | memory at start (MB) |")
        print("|---|---|---|---|---|---|")
        for count in [responses, responses * 10] {
            for format in formats {
                guard let report = reports[Key(format: format, count: count)] else { continue }
                let megabytes = Double(report["bytes"]?.intValue ?? 0) / 1_048_576
                print("| \(count) | \(format) | \(ModuleBenchmark.format(report["seconds"])) | \(String(format: "%.1f", megabytes)) | \(ModuleBenchmark.format(report["peakMB"])) | \(ModuleBenchmark.format(report["startMB"])) |")
            }
        }
    }

    /// One `refinery call` in this process, its output counted and dropped; prints a JSON report on stdout.
    static func client(arguments: [String]) async throws {
        let limit = ModuleBenchmark.option("--limit", in: arguments) ?? "20000"
        let sink = OutputCounter()
        let errors = Mutex("")
        let console = Console(out: { sink.add($0) }, err: { text in errors.withLock { $0 += text } })
        let environment = [
            "REFINER_API_KEY": ModuleBenchmark.option("--key", in: arguments) ?? "",
            "REFINER_BASE_URL": ModuleBenchmark.option("--base-url", in: arguments) ?? "",
        ]
        let context = CommandContext(console: console, environment: environment, workingDirectory: FileManager.default.currentDirectoryPath)
        let startMB = PeakMemory.megabytes() ?? 0
        let started = Date()
        let code = await RefineryCLI.run([
            "call", "refiner:listResponses", "--data", #"{"limit": \#(limit), "include": "all"}"#, ModuleBenchmark.option("--format", in: arguments) ?? "--jsonl",
            "--max-pages", "100000", "--modules", ModuleBenchmark.option("--modules", in: arguments) ?? "modules",
        ], context: context)
        // The summary line on stderr: `refiner:listResponses: N bundles`.
        let summary = errors.withLock { $0 }
        let bundles = summary.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let report: JSONValue = [
            "exit": .int(Int(code.rawValue)), "bundles": bundles.map(JSONValue.int) ?? .string(summary), "seconds": .double(Date().timeIntervalSince(started)), "lines": .int(sink.lines),
            "bytes": .int(sink.bytes), "peakMB": .double(PeakMemory.megabytes() ?? 0), "startMB": .double(startMB),
        ]
        print(report.serialized())
    }
}

/// Counts the bytes and lines written to it, keeping none.
final class OutputCounter: Sendable {
    private let counts = Mutex((bytes: 0, lines: 0))

    func add(_ text: String) {
        var newlines = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") { newlines += 1 }
        counts.withLock { $0.bytes += text.utf8.count; $0.lines += newlines }
    }

    var bytes: Int { counts.withLock { $0.bytes } }
    var lines: Int { counts.withLock { $0.lines } }
}

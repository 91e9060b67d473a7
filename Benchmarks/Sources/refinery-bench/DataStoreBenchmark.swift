import Foundation
import Refinery
import RefineryJSON

/// Data store operations per second on a file store holding `records` records (default 100,000): loading
/// them in batches of 1,000, reopening (the log read back into the index), reads by key, and single-record
/// fsynced writes (one batch each, as one execution commits). `refinery-bench datastore [RECORDS]`.
enum DataStoreBenchmark {
    struct Figures {
        var loadSeconds: Double
        var reopenSeconds: Double
        var readsPerSecond: Double
        var writesPerSecond: Double
    }

    static func record(_ index: Int) -> JSONObject {
        ["email": .string("user\(index)@example.com"), "score": .int(index % 11), "forwardedAt": "2026-12-04T10:00:00Z"]
    }

    static func measure(records: Int, reads: Int = 100_000, writes: Int = 500) throws -> Figures {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("datastore-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var declaration = DataStoreDeclaration(name: "bench")
        declaration.maxBytes = 1 << 30
        let store = FileDataStore(directory: directory, declaration: declaration)
        let started = Date()
        for start in stride(from: 0, to: records, by: 1000) {
            let changes = (start..<min(records, start + 1000)).map { DataStoreChange.put(key: "r-\($0)", data: record($0)) }
            _ = try store.apply(DataStoreBatch(id: "load-\(start)", changes: changes))
        }
        let loadSeconds = Date().timeIntervalSince(started)
        let reopenStart = Date()
        let reopened = FileDataStore(directory: directory, declaration: declaration)
        guard try reopened.count() == records else { throw BenchmarkFailure("reopened store does not hold \(records) records") }
        let reopenSeconds = Date().timeIntervalSince(reopenStart)
        let readStart = Date()
        for index in 0..<reads { Stopwatch.blackHole(try reopened.record("r-\((index &* 7919) % records)")) }
        let readSeconds = Date().timeIntervalSince(readStart)
        let writeStart = Date()
        for index in 0..<writes {
            _ = try reopened.apply(DataStoreBatch(id: "write-\(index)", changes: [.put(key: "w-\(index)", data: record(index))]))
        }
        let writeSeconds = Date().timeIntervalSince(writeStart)
        return Figures(loadSeconds: loadSeconds, reopenSeconds: reopenSeconds,
                       readsPerSecond: Double(reads) / readSeconds, writesPerSecond: Double(writes) / writeSeconds)
    }

    static func run(arguments: [String]) throws {
        let records = arguments.first.flatMap { Int($0) } ?? 100_000
        let figures = try measure(records: records)
        print("data store, \(records) records: load \(SandboxBenchmark.format(figures.loadSeconds)) s, reopen \(SandboxBenchmark.format(figures.reopenSeconds)) s, "
            + "\(SandboxBenchmark.format(figures.readsPerSecond)) reads/s, \(SandboxBenchmark.format(figures.writesPerSecond)) fsynced writes/s")
    }

    static let section = BenchmarkSection(name: "datastore", summary: "file data store operations at 100,000 records") { options in
        let records = options.size(full: 100_000, quick: 10_000, smoke: 500)
        let figures = try measure(records: records, reads: options.smoke ? 1000 : 100_000, writes: options.smoke ? 20 : 500)
        return [
            BenchmarkResult("load \(records) records in batches of 1,000", value: figures.loadSeconds, unit: "s"),
            BenchmarkResult("reopen (log read into the index)", value: figures.reopenSeconds, unit: "s"),
            BenchmarkResult("reads by key", value: figures.readsPerSecond, unit: "ops/s"),
            BenchmarkResult("single-record writes, fsynced", value: figures.writesPerSecond, unit: "ops/s"),
        ]
    }
}

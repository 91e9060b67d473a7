import Foundation
import RefineryJSON

/// Parse and serialize a ~10 MB document of Refiner list pages, ours against Foundation's JSONSerialization
/// in the same run. Targets (issue 2): parse >= 5x and serialize >= 2x JSONSerialization's throughput.
enum JSONBenchmark {
    static let section = BenchmarkSection(
        name: "json", summary: "JSON parse and serialize, RefineryJSON vs JSONSerialization", run: run
    )

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @Sendable
    static func run(_ options: BenchmarkOptions) throws -> [BenchmarkResult] {
        var pages = RefinerPages(seed: 0x5EED_2026)
        let document = pages.document(targetBytes: options.size(full: 10_000_000, quick: 1_000_000, smoke: 20_000), pageLength: 1000)
        let bytes = document.serializedBytes()
        let data = Data(bytes)
        guard try JSONValue(parsing: bytes) == document else { throw Failure(description: "round trip changed the document") }
        print("document: \(Format.megabytes(bytes.count)), \(document.arrayValue?.count ?? 0) pages of 1000 contacts")

        let repetitions = options.repetitions
        let size = Format.megabytes(bytes.count)
        let ours = try Stopwatch.best(of: repetitions) { try JSONValue(parsing: bytes) }
        let foundation = try Stopwatch.best(of: repetitions) { try foundationParse(data) }
        let positions = Stopwatch.best(of: repetitions) { try? JSONDocument(file: "bench.json", bytes: bytes) }
        let foundationObject = try foundationParse(data)
        let written = Stopwatch.best(of: repetitions) { document.serializedBytes() }
        let pretty = Stopwatch.best(of: repetitions) { document.serializedBytes(.pretty) }
        let foundationWritten = try Stopwatch.best(of: repetitions) {
            try JSONSerialization.data(withJSONObject: foundationObject)
        }

        func throughput(_ seconds: Double) -> Double { Double(bytes.count) / seconds / 1_000_000 }
        let parseBaseline = BenchmarkResult.Baseline(name: "JSONSerialization", value: throughput(foundation))
        let writeBaseline = BenchmarkResult.Baseline(name: "JSONSerialization", value: throughput(foundationWritten))
        return [
            BenchmarkResult("parse \(size)", value: throughput(ours), unit: "MB/s", baseline: parseBaseline, target: options.target(.ratioAtLeast(5))),
            BenchmarkResult("serialize compact \(size)", value: throughput(written), unit: "MB/s", baseline: writeBaseline, target: options.target(.ratioAtLeast(2))),
            BenchmarkResult("parse with source positions", value: throughput(positions), unit: "MB/s", baseline: parseBaseline),
            BenchmarkResult("serialize pretty", value: throughput(pretty), unit: "MB/s", baseline: writeBaseline),
        ]
    }

    /// Foundation's untyped tree; only its identity matters here (kept alive for the serialize run).
    private static func foundationParse(_ data: Data) throws -> NSObject {
        guard let object = try JSONSerialization.jsonObject(with: data) as? NSObject else {
            throw Failure(description: "JSONSerialization returned no object")
        }
        return object
    }
}

import Foundation

/// Prints results as a table and, with `--write-docs`, rewrites each section's block in docs/benchmarks.md.
struct BenchmarkReport {
    var section: BenchmarkSection
    var results: [BenchmarkResult]

    /// A Markdown table: it reads well in a terminal and goes into the docs unchanged.
    var table: String {
        var lines = [
            "| benchmark | value | baseline | ratio | target | met |",
            "|---|---:|---|---:|---|---|",
        ]
        for result in results {
            let value = Format.number(result.value) + " " + result.unit
            let baseline = result.baseline.map { "\($0.name): \(Format.number($0.value)) \(result.unit)" } ?? ""
            let ratio = result.ratio.map { Format.number($0) + "x" } ?? ""
            let target = result.target.map(String.init(describing:)) ?? ""
            let met = result.meetsTarget.map { $0 ? "yes" : "**NO**" } ?? ""
            lines.append("| \(result.name) | \(value) | \(baseline) | \(ratio) | \(target) | \(met) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The block that `--write-docs` keeps between this section's markers.
    func docsBlock(command: String) -> String {
        """
        Measured \(Self.timestamp()) on \(Machine.describe()), with:

        ```
        \(command)
        ```

        \(table)
        """
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}

/// The machine the figures were taken on.
enum Machine {
    static func describe() -> String {
        let info = ProcessInfo.processInfo
        let memory = Double(info.physicalMemory) / 1_073_741_824
        return "\(cpuModel() ?? "unknown CPU"), \(info.activeProcessorCount) cores, "
            + "\(Format.number(memory)) GiB, \(info.operatingSystemVersionString)"
    }

    private static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Rewrites the text between `<!-- refinery-bench:NAME -->` and `<!-- /refinery-bench:NAME -->` in
/// docs/benchmarks.md, appending a new section with those markers when the file has none yet.
struct DocsWriter {
    var url: URL

    /// docs/benchmarks.md of the package this file was compiled from.
    static func beside(_ filePath: String = #filePath) -> DocsWriter {
        var root = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return DocsWriter(url: root.appendingPathComponent("docs/benchmarks.md"))
    }

    func update(section name: String, title: String, block: String) throws {
        let open = "<!-- refinery-bench:\(name) -->", close = "<!-- /refinery-bench:\(name) -->"
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Benchmarks\n"
        if let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: "\n" + block)
        } else {
            text += "\n## \(title)\n\n\(open)\n\(block)\(close)\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

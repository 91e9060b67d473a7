import Foundation

/// Parses the command line, runs the chosen sections in order and prints their tables.
enum BenchmarkDriver {
    static let usage = "usage: refinery-bench [--quick | --smoke] [--write-docs] [SECTION...]"

    static func main(arguments: [String], sections: [BenchmarkSection]) async {
        var options = BenchmarkOptions()
        var writeDocs = false
        var names: [String] = []
        for argument in arguments {
            switch argument {
            case "--quick": options.quick = true
            case "--smoke": options.smoke = true
            case "--write-docs": writeDocs = true
            case "-h", "--help":
                print(usage + "\nsections: " + sections.map { "\($0.name) (\($0.summary))" }.joined(separator: ", "))
                return
            case _ where argument.hasPrefix("-"): fail("unknown option '\(argument)'\n" + usage)
            default: names.append(argument)
            }
        }
        guard let chosen = select(names, from: sections) else { fail("unknown section; known: " + sections.map(\.name).joined(separator: ", ")) }
        var missed = false
        for section in chosen {
            print("== \(section.name): \(section.summary)\n")
            do {
                let report = BenchmarkReport(section: section, results: try await section.run(options))
                print(report.table)
                missed = missed || report.results.contains { $0.meetsTarget == false }
                if writeDocs, !options.smoke { try write(report, options: options) }
            } catch {
                fail("section \(section.name) failed: \(error)")
            }
        }
        if missed { print("some targets were missed") }
    }

    /// The sections named, in the order given (all of them when none is named); nil when a name is unknown.
    static func select(_ names: [String], from sections: [BenchmarkSection]) -> [BenchmarkSection]? {
        guard !names.isEmpty else { return sections }
        var chosen: [BenchmarkSection] = []
        for name in names {
            guard let section = sections.first(where: { $0.name == name }) else { return nil }
            chosen.append(section)
        }
        return chosen
    }

    static func write(_ report: BenchmarkReport, options: BenchmarkOptions) throws {
        let command = "swift build -c release --product refinery-bench && .build/release/refinery-bench"
            + (options.quick ? " --quick" : "") + " " + report.section.name
        let writer = DocsWriter.beside()
        try writer.update(section: report.section.name, title: report.section.summary, block: report.docsBlock(command: command))
        print("wrote \(writer.url.path)")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("refinery-bench: " + message + "\n").utf8))
        exit(64)
    }
}

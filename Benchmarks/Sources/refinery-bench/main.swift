// refinery-bench [--quick] [--write-docs] [SECTION...]
//
// Release-build benchmarks (never timed unit tests). Build and run:
//
//     swift build -c release --product refinery-bench && .build/release/refinery-bench
//
// Adding a section takes two steps:
//   1. A file `XBenchmark.swift` here with
//          enum XBenchmark {
//              static let section = BenchmarkSection(name: "x", summary: "...") { options in
//                  let seconds = Stopwatch.best(of: options.repetitions) { work() }
//                  return [BenchmarkResult("work", value: seconds * 1000, unit: "ms", target: .atMost(50))]
//              }
//          }
//      (`run` may be async and may throw; compare with a baseline measured in the same run through
//      `baseline:` and `target: .ratioAtLeast(5)` / `.ratioAtMost(1.3)`; honour `options.quick`.)
//   2. One line in `BenchmarkRegistry.sections` below.
//
// `--write-docs` rewrites the section's block between `<!-- refinery-bench:NAME -->` markers in
// docs/benchmarks.md (adding it when missing); text outside the markers is kept.

enum BenchmarkRegistry {
    static let sections: [BenchmarkSection] = [
        JSONBenchmark.section,
    ]
}

await BenchmarkDriver.main(arguments: Array(CommandLine.arguments.dropFirst()), sections: BenchmarkRegistry.sections)

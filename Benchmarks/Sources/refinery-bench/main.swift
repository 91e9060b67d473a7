import Foundation

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
        IMLBenchmark.section,
        SandboxBenchmark.section,
        ModuleBenchmark.section,
        EngineBenchmark.section,
        ScenarioBenchmark.section,
        ReplayBenchmark.section,
        WebhookBenchmark.section,
        SlowConnectionsBenchmark.section,
        CallBenchmark.section,
        BuiltinsBenchmark.section,
        DataStoreBenchmark.section,
        SharedStoreBenchmark.section,
    ]
}

// The same benchmarks with their own arguments, and the child processes some of them start:
// `engine [COUNT]`, `scenario ...`, `sandbox ...`, `modules ...`, `replay-record FILE`, `replay-from FILE`,
// `webhooks ...`, `shared-store ...`, `builtins ...`, `slow-connections ...`, `call ...`, and the child processes `sandbox-client ...`, `modules-client ...`,
// `webhooks-client ...`, `call-client ...`.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine":
    try await EngineBenchmark.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
case "scenario":
    try await ScenarioBenchmark.run(arguments: Array(arguments.dropFirst()))
case "sandbox":
    try await SandboxBenchmark.run(arguments: Array(arguments.dropFirst()))
case "sandbox-client":
    SandboxLoadClient.main(arguments: Array(arguments.dropFirst()))
case "modules":
    try await ModuleBenchmark.run(arguments: Array(arguments.dropFirst()))
case "modules-client":
    try await ModuleBenchmark.client(arguments: Array(arguments.dropFirst()))
case "call":
    try await CallBenchmark.run(arguments: Array(arguments.dropFirst()))
case "call-client":
    try await CallBenchmark.client(arguments: Array(arguments.dropFirst()))
case "webhooks":
    try await WebhookBenchmark.run(arguments: Array(arguments.dropFirst()))
case "shared-store":
    try await SharedStoreBenchmark.run(arguments: Array(arguments.dropFirst()))
case "datastore":
    try DataStoreBenchmark.run(arguments: Array(arguments.dropFirst()))
case "builtins":
    try await BuiltinsBenchmark.run(arguments: Array(arguments.dropFirst()))
case "slow-connections":
    try await SlowConnectionsBenchmark.run(arguments: Array(arguments.dropFirst()))
case "webhooks-client":
    WebhookLoadClient.main(arguments: Array(arguments.dropFirst()))
case "replay-record":
    for line in try await ReplayBenchmark.record(to: URL(fileURLWithPath: arguments.dropFirst().first ?? "bench.cassette.json")) { print(line) }
case "replay-from":
    for line in try await ReplayBenchmark.replay(from: URL(fileURLWithPath: arguments.dropFirst().first ?? "bench.cassette.json")) { print(line) }
default:
    await BenchmarkDriver.main(arguments: arguments, sections: BenchmarkRegistry.sections)
}

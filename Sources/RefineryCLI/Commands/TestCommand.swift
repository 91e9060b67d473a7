import Foundation
import Refinery
import RefineryJSON

/// `refinery test [DIR]`: replays every scenario that has a cassette and compares its run report with
/// the expectation beside it.
struct TestCommand: Command {
    static let spec = CommandSpec(
        name: "test",
        summary: "Replay every recorded scenario and compare its report with the expected one.",
        discussion: """
        For every scenario NAME.json in DIR (searched recursively) with NAME.cassette.json beside it, replays
        the cassette as 'refinery run NAME.json --replay NAME.cassette.json --json' does (no network, virtual
        time, state in memory) and compares the run report with NAME.expected.json. A scenario without a
        cassette is listed as skipped; one without an expectation fails (--update writes it).
        Exit 0 when every replayed scenario passed, 1 when any failed, 65 when a scenario, cassette or
        expectation is invalid.
        """,
        positionals: [.init("DIR", optional: true, help: "The scenarios folder, or one scenario (default: scenarios).")],
        options: [
            .init("update", help: "Write the expectations from the replayed reports (creating missing ones)."),
            .init("junit", value: "FILE", help: "Also write the results as JUnit XML, for CI."),
            InstalledApps.modulesOption,
        ],
        examples: [
            "refinery test",
            "refinery test scenarios --junit test-results.xml",
            "refinery test scenarios --update",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let folder = arguments.positionals.first ?? "scenarios"
        let collector = FileCollector(workingDirectory: context.workingDirectory)
        let scenarios = try ScenarioCase.find(folder, collector: collector)
        let installed = try InstalledApps.load(arguments, context: context, near: folder)
        guard !installed.diagnostics.hasErrors else {
            context.report(installed.diagnostics)
            return .dataError
        }
        let tester = ScenarioTester(apps: installed.apps, context: context, update: arguments.flag("update"))
        var results: [TestResult] = []
        for scenario in scenarios {
            try Task.checkCancellation()
            let result = await tester.test(scenario)
            Self.print(result, context: context)
            results.append(result)
        }
        context.console.out(CLIMessages.testSummary(TestTally(results)))
        if let junit = arguments.value("junit") {
            let xml = JUnitReport(suite: folder, results: results).xml
            do {
                try Data(xml.utf8).write(to: URL(fileURLWithPath: collector.resolve(junit)), options: .atomic)
            } catch {
                throw UsageError(CLIMessages.junitNotWritten(junit, reason: error.localizedDescription), command: Self.spec.name)
            }
        }
        if results.contains(where: \.isInvalid) { return .dataError }
        return results.contains(where: \.isFailure) ? .failure : .success
    }

    /// One line per scenario on standard output, then the diff or the warnings indented below it; the
    /// problems of an invalid scenario go to standard error like every diagnostic.
    static func print(_ result: TestResult, context: CommandContext) {
        let file = result.scenario.file
        var text: String
        switch result.verdict {
        case .passed:
            text = "pass     \(file)\n"
        case .updated(let created):
            text = "\(created ? "created" : "updated")  \(result.scenario.expectation)\n"
        case .failed(let reason, let details):
            text = "FAIL     \(file): \(reason)\n" + details.map(indented).joined()
        case .skipped(let reason):
            text = "skip     \(file): \(reason)\n"
        case .invalid(let diagnostics):
            context.report(diagnostics)
            text = "INVALID  \(file): \(CLIMessages.invalidScenario)\n"
        }
        text += result.warnings.map(indented).joined()
        context.console.out(text)
    }

    private static func indented(_ line: String) -> String {
        line.split(separator: "\n", omittingEmptySubsequences: false).map { "         \($0)\n" }.joined()
    }
}

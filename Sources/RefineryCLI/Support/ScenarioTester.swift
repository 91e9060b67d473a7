import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// Replays one scenario for `refinery test` exactly as `refinery run NAME.json --replay
/// NAME.cassette.json --json` would (mode none, state in memory), and judges the report against
/// `NAME.expected.json`, or writes it there with `--update`.
struct ScenarioTester {
    let apps: [AppDefinition]
    let context: CommandContext
    let update: Bool

    private var collector: FileCollector { FileCollector(workingDirectory: context.workingDirectory) }

    func test(_ scenario: ScenarioCase) async -> TestResult {
        guard FileManager.default.fileExists(atPath: collector.resolve(scenario.cassette)) else {
            return TestResult(scenario: scenario, verdict: .skipped(reason: CLIMessages.noCassette(scenario)))
        }
        var result = TestResult(scenario: scenario, verdict: .passed)
        do {
            let source = try ScenarioSource.read(scenario.file, context: context)
            let execution = ScenarioExecution(source: source, apps: apps, settings: RunSettings(replaying: scenario.cassette), context: context)
            switch try await execution.run() {
            case .invalid(let diagnostics):
                result.verdict = .invalid(diagnostics)
            case .ran(let report, let session):
                result.warnings = finish(session)
                result.verdict = judge(report, scenario: scenario)
            }
        } catch let error as CassetteError {
            let source = SourceRef(file: scenario.cassette)
            result.verdict = .invalid([Diagnostic(code: error.code, message: error.message, source: source)])
        } catch let error as UsageError {
            result.verdict = .failed(reason: error.message, details: [])
        } catch {
            result.verdict = .failed(reason: CLIMessages.replayFailed("\(error)"), details: [])
        }
        return result
    }

    /// Recorded interactions the replay never asked for, as warnings.
    private func finish(_ session: CassetteSession?) -> [String] {
        guard let session else { return [] }
        do {
            let summary = try session.finish()
            return summary.unused.isEmpty ? [] : [CLIMessages.unusedInTest(summary.unused.count)]
        } catch {
            return [error.description]
        }
    }

    private func judge(_ report: RunReport, scenario: ScenarioCase) -> TestResult.Verdict {
        let actualText = report.json.serialized(.pretty) + "\n"
        let path = collector.resolve(scenario.expectation)
        let existing = FileManager.default.contents(atPath: path)
        if update {
            if let existing, Array(existing) == Array(actualText.utf8) { return .passed }
            do {
                try Data(actualText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                return .failed(reason: CLIMessages.expectationNotWritten(scenario.expectation, reason: error.localizedDescription), details: [])
            }
            return .updated(created: existing == nil)
        }
        guard let existing else {
            return .failed(reason: CLIMessages.noExpectation(scenario.expectation), details: [])
        }
        let expected: JSONDocument
        do {
            expected = try JSONDocument(file: scenario.expectation, bytes: Array(existing))
        } catch {
            return .invalid([error])
        }
        guard expected.value != report.json else { return .passed }
        return .failed(reason: CLIMessages.reportDiffers(scenario.expectation), details: differences(expected.value, report))
    }

    /// The JSON differences, then the full message of every error the expectation does not have (a
    /// replay mismatch explains itself there; the diff line cuts it short).
    private func differences(_ expected: JSONValue, _ report: RunReport) -> [String] {
        var lines = JSONDiff().lines(expected: expected, actual: report.json)
        let expectedErrors = expected["errors"]?.arrayValue ?? []
        let actualErrors = report.json["errors"]?.arrayValue ?? []
        for (index, error) in report.errors.enumerated() {
            let isNew = index >= expectedErrors.count || index >= actualErrors.count || expectedErrors[index] != actualErrors[index]
            if isNew { lines.append(CLIMessages.newRunError(error)) }
        }
        return lines
    }
}

import Refinery

/// Messages of `refinery test` and of its report diff.
extension CLIMessages {
    static func noCassette(_ scenario: ScenarioCase) -> String {
        "no cassette (record one: refinery run \(scenario.file) --sandbox --record \(scenario.cassette); "
            + "for an instant trigger: refinery webhook deliver \(scenario.file) PAYLOAD.json --sandbox --record \(scenario.cassette))"
    }

    static func instantWithoutDeliveries(_ file: String) -> String {
        "'\(file)' starts with an instant trigger: it runs on webhook deliveries. Feed one with 'refinery webhook deliver "
            + "\(file) PAYLOAD.json' (add --record FILE to keep it and its traffic for 'refinery test'), serve it with "
            + "'refinery serve', or replay a cassette that holds deliveries"
    }

    static func noExpectation(_ expectation: String) -> String {
        "no expectation \(expectation) (write it with 'refinery test --update')"
    }

    static func reportDiffers(_ expectation: String) -> String {
        "the run report differs from \(expectation)"
    }

    static func expectationNotWritten(_ expectation: String, reason: String) -> String {
        "cannot write \(expectation): \(reason)"
    }

    static func replayFailed(_ reason: String) -> String {
        "the replay failed: \(reason)"
    }

    static let invalidScenario = "invalid scenario, cassette or expectation (the problems are listed on standard error)"

    static func unusedInTest(_ count: Int) -> String {
        "warning: \(count) recorded interaction\(count == 1 ? " was" : "s were") never requested"
    }

    /// An error of the replayed run that the expectation does not have, in full (a replay mismatch
    /// spans several lines).
    static func newRunError(_ error: RunReport.ErrorRecord) -> String {
        "error in module \(error.moduleId) \(error.module), bundle \(error.bundle): \(error.type): \(error.message)"
    }

    static func changedValue(at pointer: String, expected: String, actual: String) -> String {
        "\(pointer): expected \(expected), got \(actual)"
    }

    static func missingValue(at pointer: String, expected: String) -> String {
        "\(pointer): expected \(expected), got nothing"
    }

    static func unexpectedValue(at pointer: String, actual: String) -> String {
        "\(pointer): expected nothing, got \(actual)"
    }

    static func moreDifferences(_ count: Int) -> String {
        "... and \(count) more difference\(count == 1 ? "" : "s")"
    }

    /// `3 scenarios: 1 passed, 1 failed, 1 skipped (no cassette)`.
    static func testSummary(_ tally: TestTally) -> String {
        guard tally.total > 0 else { return "no scenarios found\n" }
        var parts = ["\(tally.passed) passed"]
        if tally.updated > 0 { parts.append("\(tally.updated) updated") }
        if tally.failed > 0 { parts.append("\(tally.failed) failed") }
        if tally.invalid > 0 { parts.append("\(tally.invalid) invalid") }
        if tally.skipped > 0 { parts.append("\(tally.skipped) skipped (no cassette)") }
        return "\(tally.total) scenario\(tally.total == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "\n"
    }

    static func junitWritten(_ path: String) -> String {
        "wrote JUnit report \(path)\n"
    }

    static func junitNotWritten(_ path: String, reason: String) -> String {
        "cannot write the JUnit report '\(path)': \(reason)"
    }
}

import RefineryJSON

/// What `refinery test` concluded about one scenario.
struct TestResult: Sendable, Hashable {
    enum Verdict: Sendable, Hashable {
        /// The replayed report equals the expectation.
        case passed
        /// `--update` wrote the expectation (`created`: there was none before).
        case updated(created: Bool)
        /// The report differs, or there is no expectation, or the replay could not run.
        case failed(reason: String, details: [String])
        /// Not replayed (no cassette): visible, but not a failure.
        case skipped(reason: String)
        /// The scenario, its cassette or its expectation is not a valid file.
        case invalid([Diagnostic])
    }

    let scenario: ScenarioCase
    var verdict: Verdict
    /// Worth a look but not a failure (recorded interactions the replay never asked for).
    var warnings: [String] = []

    var isFailure: Bool {
        if case .failed = verdict { return true }
        return false
    }

    var isInvalid: Bool {
        if case .invalid = verdict { return true }
        return false
    }
}

/// The counts a `refinery test` run ends with.
struct TestTally: Sendable, Hashable {
    var passed = 0
    var updated = 0
    var failed = 0
    var skipped = 0
    var invalid = 0

    init(_ results: [TestResult]) {
        for result in results {
            switch result.verdict {
            case .passed: passed += 1
            case .updated: updated += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            case .invalid: invalid += 1
            }
        }
    }

    var total: Int { passed + updated + failed + skipped + invalid }
}

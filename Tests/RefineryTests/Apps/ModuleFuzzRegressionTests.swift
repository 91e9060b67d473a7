import Foundation
import Refinery
import RefineryJSON
import Testing

/// Module files found by fuzzing (Fuzz/ModuleLoading, docs/robustness.md) or its review, each once a trap;
/// now each reads to diagnostics. The inputs are also seeds in Fuzz/ModuleLoading/seeds.
@Suite struct ModuleFuzzRegressionTests {
    func problems(_ module: String) throws -> [Diagnostic] {
        try Fixtures.loadApp(["app.json": Fixtures.minimalApp, "fuzzed.json": module]).diagnostics
    }

    @Test func hugeLengthsAndCountsAreSaturatedNotTrapped() throws {
        let module = #"""
        {"name": "fuzzed", "label": "F", "type": "action", "communication": {"url": "/x"},
         "expect": [{"name": "t", "type": "text", "validate": {"maxLength": 1e300, "minLength": -1e300}},
                    {"name": "a", "type": "array", "validate": {"maxItems": 1e300, "minItems": -1e300}}]}
        """#
        let (app, diagnostics) = try Fixtures.loadApp(["app.json": Fixtures.minimalApp, "fuzzed.json": module])
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.description))")
        let rules = try #require(app?.modules["fuzzed"]?.expect.first?.rules)
        #expect(rules.maxLength == Int.max && rules.minLength == Int.min)
    }

    @Test func aHugeRepeatLimitIsReportedNotTrapped() throws {
        let module = #"""
        {"name": "fuzzed", "label": "F", "type": "action",
         "communication": {"url": "/x", "repeat": {"condition": "{{false}}", "delay": 1e300, "limit": 1e300},
                           "pagination": {"maxPages": 1e300}}}
        """#
        let found = try problems(module)
        #expect(found.map(\.code).contains("module.invalid-value"))
        // A delay of 10^300 ms became Int.max and trapped the clock's conversion to nanoseconds.
        #expect(found.contains { $0.message == "'repeat.delay' must be from 0 to 3600000, not 9223372036854775807" })
        #expect(found.contains { $0.message == "'repeat.limit' must be from 1 to 1000, not 9223372036854775807" })
    }

    /// An invalid `validate.pattern` (an unclosed `[` with control characters): a diagnostic. Reading it
    /// leaks one ICU buffer inside swift-corelibs-foundation (Fuzz/lsan.supp), bounded per pattern read.
    @Test func anInvalidFuzzedPatternIsADiagnostic() throws {
        let module = #"""
        {"name": "fuzzed", "label": "F", "type": "action", "communication": {"url": "/x"},
         "expect": [{"name": "t", "type": "text", "validate": {"pattern": "^[1-9a-nn\\i\tnn\\ni\nAnuini\\n\fA-F-]{8"}}]}
        """#
        let diagnostics = try problems(module)
        #expect(diagnostics.map(\.code) == ["module.invalid-pattern"])
    }
}

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
        let codes = try problems(module).map(\.code)
        #expect(codes.contains("module.invalid-value"))
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

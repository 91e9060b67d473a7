@testable import RefineryCLI
import Refinery
import RefineryJSON
import Testing

/// The pieces `refinery test` prints with: the JSON diff and the JUnit XML.
@Suite struct TestReportFormatTests {
    @Test(arguments: [
        (#"{"a": 1}"#, #"{"a": 1}"#, [String]()),
        (#"{"a": 1, "b": 2}"#, #"{"b": 2, "a": 1}"#, []),
        (#"{"a": 1}"#, #"{"a": 2}"#, ["/a: expected 1, got 2"]),
        (#"{"a": 1}"#, #"{"a": 1.0}"#, ["/a: expected 1, got 1.0"]),
        (#"{"a": 1}"#, #"{}"#, ["/a: expected 1, got nothing"]),
        (#"{}"#, #"{"a/b": [true]}"#, ["/a~1b: expected nothing, got [true]"]),
        (#"{"m": [{"ops": 4}]}"#, #"{"m": [{"ops": 5}, {"ops": 1}]}"#, ["/m/0/ops: expected 4, got 5", #"/m/1: expected nothing, got {"ops":1}"#]),
        (#"{"m": [1, 2]}"#, #"{"m": [1]}"#, ["/m/1: expected 2, got nothing"]),
        (#"[1]"#, #"{"a": 1}"#, [#"(whole report): expected [1], got {"a":1}"#]),
    ])
    func diffLines(expected: String, actual: String, lines: [String]) throws {
        let diff = JSONDiff().lines(expected: try JSONValue(parsing: expected), actual: try JSONValue(parsing: actual))
        #expect(diff == lines)
    }

    @Test func diffIsCutAtItsLimitAndLongValuesAreShortened() throws {
        let expected = JSONValue.array((0..<15).map { JSONValue.int($0) })
        let actual = JSONValue.array((0..<15).map { JSONValue.int($0 + 100) })
        let lines = JSONDiff(limit: 3).lines(expected: expected, actual: actual)
        #expect(lines == ["/0: expected 0, got 100", "/1: expected 1, got 101", "/2: expected 2, got 102", "... and 12 more differences"])
        let long = JSONDiff().lines(expected: .string(String(repeating: "x", count: 200)), actual: .null)
        #expect(long.first?.contains("xxx...") == true)
        #expect((long.first?.count ?? 0) < 120)
    }

    @Test(arguments: [
        ("a < b & c > \"d\"", true, "a &lt; b &amp; c &gt; &quot;d&quot;"),
        ("a < b & \"d\"", false, "a &lt; b &amp; \"d\""),
        ("line\nnext\ttab", true, "line&#10;next&#9;tab"),
        ("line\nnext", false, "line\nnext"),
        ("\u{1B}[31mred\u{1B}[0m\u{0}", false, "\u{FFFD}[31mred\u{FFFD}[0m\u{FFFD}"),
        ("café ✓ 🚀", true, "café ✓ 🚀"),
    ])
    func xmlEscaping(text: String, inAttribute: Bool, escaped: String) {
        #expect(JUnitReport.escaped(text, inAttribute: inAttribute) == escaped)
    }

    @Test func junitReportHasEveryVerdict() {
        let diagnostic = Diagnostic(code: "scenario.unknown-module", message: "unknown module 'x<y>'", source: SourceRef(file: "d.json"))
        let results = [
            TestResult(scenario: ScenarioCase(file: "a.json"), verdict: .passed),
            TestResult(scenario: ScenarioCase(file: "b.json"), verdict: .failed(reason: "differs", details: ["/x: expected 1, got 2"])),
            TestResult(scenario: ScenarioCase(file: "c.json"), verdict: .skipped(reason: "no cassette")),
            TestResult(scenario: ScenarioCase(file: "d.json"), verdict: .invalid([diagnostic]), warnings: ["warning: w"]),
        ]
        let xml = JUnitReport(suite: "scenarios", results: results).xml
        #expect(xml.contains(#"<testsuite name="scenarios" tests="4" failures="1" errors="1" skipped="1">"#))
        #expect(xml.contains(#"<testcase classname="scenarios" name="a.json" file="a.json"/>"#))
        #expect(xml.contains("differs\n/x: expected 1, got 2</failure>"))
        #expect(xml.contains(#"<skipped message="no cassette"/>"#))
        #expect(xml.contains("unknown module 'x&lt;y&gt;' [scenario.unknown-module]</error>"))
        #expect(xml.contains("<system-out>warning: w</system-out>"))
    }
}

@Suite struct LimitMessageTests {
    @Test func aTriggerThatMadeNoProgressIsAWarningSayingSo() {
        var limit = LimitReached(.maxPages, moduleId: 1, count: 100)
        limit.madeNoProgress = true
        let text = CLIMessages.limitReached(limit)
        #expect(text.hasPrefix("warning: the trigger at module 1 read maxPages (100) pages"))
        #expect(text.contains("no progress was made"))
        limit.madeNoProgress = false
        #expect(CLIMessages.limitReached(limit).hasPrefix("stopped by limit maxPages at module 1 (100)"))
    }
}

import Foundation
import IML
import RefineryJSON
import Testing

/// Inputs the fuzzer (Fuzz/IML, docs/robustness.md) or its review found, each once a crash or a hang; now
/// each is a diagnostic.
@Suite struct FuzzRegressionTests {
    static let context = EvaluationContext(scope: ["1": ["a": "x"]], now: Date(timeIntervalSince1970: 1_700_000_000))

    static func code(_ source: String) -> String? {
        do {
            _ = try Template(source).evaluate(in: context)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(arguments: [
        ("{{" + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + "}}", "iml.too-deep"),
        ("{{" + String(repeating: "lower(", count: 3000) + "'a'" + String(repeating: ")", count: 3000) + "}}", "iml.too-deep"),
        ("{{" + String(repeating: "!", count: 15000) + "1}}", "iml.too-deep"),
        ("{{" + String(repeating: "-", count: 15000) + "1.a}}", "iml.too-deep"),
        ("{{1.a" + String(repeating: "[1.a", count: 3000) + "}}", "iml.too-deep"),
        ("{{1" + String(repeating: "+1", count: 20000) + "}}", "iml.too-many-operators"),
        ("{{1" + String(repeating: " and 1", count: 2000) + "}}", "iml.too-many-operators"),
    ])
    func deepOrLongExpressionsAreDiagnostics(_ source: String, _ expected: String) {
        #expect(Self.code(source) == expected)
    }

    @Test func nestingUpToTheLimitCompiles() throws {
        let depth = 99
        let source = "{{" + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "}}"
        #expect(try Template(source).evaluate(in: Self.context) == 1)
        let sum = "{{1" + String(repeating: "+1", count: 1000) + "}}"
        #expect(try Template(sum).evaluate(in: Self.context) == 1001)
    }

    @Test(arguments: [
        "{{replace('" + String(repeating: "a", count: 36) + "!'; /(a+)+$/; 'x')}}",
        "{{replace('" + String(repeating: "a", count: 46) + "!'; /(a|aa)+$/g; 'x')}}",
    ])
    func catastrophicRegexIsADiagnostic(_ source: String) {
        #expect(Self.code(source) == "iml.regex-too-complex")
    }

    @Test func boundedRegexStillReplacesEveryMatch() throws {
        let text = String(repeating: "ab ", count: 20000)
        let template = try Template("{{replace(1.text; /b\\s/g; '-')}}")
        let context = EvaluationContext(scope: ["1": ["text": .string(text)]], now: Date(timeIntervalSince1970: 0))
        #expect(try template.evaluate(in: context) == .string(String(repeating: "a-", count: 20000)))
    }
}

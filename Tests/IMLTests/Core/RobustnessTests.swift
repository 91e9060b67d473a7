import Foundation
import IML
import RefineryJSON
import Testing

/// Templates built from random tokens must compile or fail with a diagnostic, and evaluate or fail with a
/// diagnostic: never trap (a trap would end the test process).
@Suite struct RobustnessTests {
    static let pieces = [
        "{{", "}}", "1", ".", "email", "[", "]", "-1", "(", ")", ";", ",", "+", "-", "*", "/", "%", "=", "<", ">=",
        "&", "|", "!", "'x'", "\"y\"", "`1`", "lower", "formatDate", "if", "switch", "sum", "substring", "slice",
        "parseDate", "replace", "/a/g", "9223372036854775807", "0", "2.5", "null", "now", "emptyarray", "map",
        "get", "sha256", "toBinary", "setMonth", "addMonths", "split", "sort", "uuid", "shuffle", "tags", " ",
    ]

    @Test func randomTokenSoupNeverTraps() {
        var generator = SeededGenerator(seed: 20240301)
        let scope: JSONObject = ["1": ["email": "A@B.C", "tags": ["b", "a"], "n": 3], "tags": [1, 2]]
        let context = EvaluationContext(scope: scope, now: Date(timeIntervalSince1970: 1_700_000_000))
        var compiled = 0, failedToCompile = 0
        for _ in 0..<3000 {
            var source = "{{"
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                source += Self.pieces.randomElement(using: &generator) ?? ""
            }
            if Bool.random(using: &generator) { source += "}}" }
            do {
                let template = try Template(source)
                compiled += 1
                _ = try? template.evaluate(in: context)
            } catch {
                failedToCompile += 1
                #expect(error.column >= 1 && error.column <= source.unicodeScalars.count + 1, "\(source): \(error)")
                #expect(error.code.hasPrefix("iml."))
            }
        }
        #expect(compiled + failedToCompile == 3000)
    }

    @Test(arguments: [
        "{{sum(9223372036854775807; 9223372036854775807)}}", "{{-(-9223372036854775807 - 1)}}",
        "{{(-9223372036854775807 - 1) / -1}}", "{{(-9223372036854775807 - 1) % -1}}",
        "{{addYears(now; 9223372036854775807)}}", "{{formatNumber(1e300; 2)}}", "{{substring('abc'; -9223372036854775807; 9223372036854775807)}}",
        "{{slice(1.tags; 9223372036854775807)}}", "{{1.tags[-9223372036854775807]}}", "{{round(1e300; 15)}}",
        "{{formatDate(9223372036854775807; 'YYYY')}}", "{{setYear(now; 275759)}}", "{{flatten(1.tags; 100)}}",
    ])
    func extremeValuesAreValuesOrDiagnostics(_ source: String) throws {
        let context = EvaluationContext(scope: ["1": ["tags": ["a"]]], now: Date(timeIntervalSince1970: 0))
        do {
            _ = try Template(source).evaluate(in: context)
        } catch {
            #expect(error.code.hasPrefix("iml."))
        }
    }
}


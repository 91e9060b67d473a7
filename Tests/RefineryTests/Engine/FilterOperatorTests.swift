import Refinery
import RefineryJSON
import Testing

@Suite struct FilterOperatorTests {
    struct Case: Sendable, CustomStringConvertible {
        let op: String
        let a: JSONValue
        let b: JSONValue?
        let expected: Bool
        var description: String { "\(a) \(op) \(b.map { "\($0)" } ?? "")" }
    }

    static let cases: [Case] = [
        Case(op: "exist", a: "x", b: nil, expected: true),
        Case(op: "exist", a: .null, b: nil, expected: false),
        Case(op: "exist", a: "", b: nil, expected: false),
        Case(op: "exist", a: 0, b: nil, expected: true),
        Case(op: "notexist", a: .null, b: nil, expected: true),
        Case(op: "notexist", a: [1], b: nil, expected: false),
        Case(op: "text:equal", a: "Abc", b: "Abc", expected: true),
        Case(op: "text:equal", a: "Abc", b: "abc", expected: false),
        Case(op: "text:equal:ci", a: "Abc", b: "aBC", expected: true),
        Case(op: "text:equal", a: 12, b: "12", expected: true),
        Case(op: "text:notequal", a: "a", b: "b", expected: true),
        Case(op: "text:notequal:ci", a: "A", b: "a", expected: false),
        Case(op: "text:contain", a: "hello world", b: "lo w", expected: true),
        Case(op: "text:contain:ci", a: "Hello", b: "HELL", expected: true),
        Case(op: "text:notcontain", a: "hello", b: "xyz", expected: true),
        Case(op: "text:notcontain:ci", a: "Hello", b: "hell", expected: false),
        Case(op: "text:startwith", a: "refinery", b: "ref", expected: true),
        Case(op: "text:startwith:ci", a: "Refinery", b: "rEF", expected: true),
        Case(op: "text:notstartwith", a: "refinery", b: "fin", expected: true),
        Case(op: "text:notstartwith:ci", a: "Refinery", b: "ref", expected: false),
        Case(op: "text:endwith", a: "a@x.io", b: ".io", expected: true),
        Case(op: "text:endwith:ci", a: "a@X.IO", b: ".io", expected: true),
        Case(op: "text:notendwith", a: "a@x.io", b: ".com", expected: true),
        Case(op: "text:notendwith:ci", a: "A.COM", b: ".com", expected: false),
        Case(op: "text:pattern", a: "user-42", b: "^user-\\d+$", expected: true),
        Case(op: "text:pattern", a: "USER-42", b: "^user", expected: false),
        Case(op: "text:pattern:ci", a: "USER-42", b: "^user", expected: true),
        Case(op: "text:notpattern", a: "abc", b: "\\d", expected: true),
        Case(op: "text:notpattern:ci", a: "ABC", b: "b", expected: false),
        Case(op: "number:equal", a: "6", b: 6, expected: true),
        Case(op: "number:notequal", a: 6.5, b: 6, expected: true),
        Case(op: "number:greater", a: 10, b: "9.5", expected: true),
        Case(op: "number:less", a: 10, b: 9, expected: false),
        Case(op: "number:greaterorequal", a: 6, b: 6, expected: true),
        Case(op: "number:lessorequal", a: "6", b: "6", expected: true),
        Case(op: "number:lessorequal", a: "seven", b: 6, expected: false),
        Case(op: "date:equal", a: "2026-01-01T10:00:00Z", b: "2026-01-01T11:00:00+01:00", expected: true),
        Case(op: "date:notequal", a: "2026-01-01", b: "2026-01-02", expected: true),
        Case(op: "date:greater", a: "2026-01-02", b: "2026-01-01T23:59:59Z", expected: true),
        Case(op: "date:less", a: "2025-12-31T23:59:59.500Z", b: "2026-01-01", expected: true),
        Case(op: "date:greaterorequal", a: 1_767_225_600, b: "2026-01-01T00:00:00Z", expected: true),
        Case(op: "date:lessorequal", a: 1_767_225_600_000, b: "2026-01-01T00:00:00Z", expected: true),
        Case(op: "date:less", a: "not a date", b: "2026-01-01", expected: false),
        Case(op: "time:equal", a: "09:30", b: "09:30:00", expected: true),
        Case(op: "time:notequal", a: "09:30", b: "09:31", expected: true),
        Case(op: "time:greater", a: "17:00", b: "09:00", expected: true),
        Case(op: "time:less", a: "2026-01-01T08:00:00Z", b: "09:00", expected: true),
        Case(op: "time:greaterorequal", a: "09:00", b: "09:00", expected: true),
        Case(op: "time:lessorequal", a: "23:59:59", b: "00:00", expected: false),
        Case(op: "semver:equal", a: "1.2.0", b: "1.2", expected: true),
        Case(op: "semver:notequal", a: "1.2.0", b: "1.2.1", expected: true),
        Case(op: "semver:greater", a: "1.10.0", b: "1.9.9", expected: true),
        Case(op: "semver:less", a: "2.0.0-beta", b: "2.0.0", expected: true),
        Case(op: "semver:greaterorequal", a: "v3.0.0", b: "3.0.0", expected: true),
        Case(op: "semver:lessorequal", a: "3.0.1", b: "3.0.0", expected: false),
        Case(op: "array:contain", a: ["a", "b"], b: "b", expected: true),
        Case(op: "array:contain", a: ["a", "B"], b: "b", expected: false),
        Case(op: "array:contain:ci", a: ["a", "B"], b: "b", expected: true),
        Case(op: "array:notcontain", a: ["a"], b: "b", expected: true),
        Case(op: "array:notcontain:ci", a: ["A"], b: "a", expected: false),
        Case(op: "array:equal", a: [1, 2], b: 2, expected: true),
        Case(op: "array:notequal", a: [1, 2], b: 2, expected: false),
        Case(op: "array:greater", a: [1, 2, 3], b: 2, expected: true),
        Case(op: "array:less", a: [], b: 1, expected: true),
        Case(op: "array:greaterorequal", a: [1], b: "1", expected: true),
        Case(op: "array:lessorequal", a: [1, 2], b: 1, expected: false),
        Case(op: "boolean:equal", a: true, b: "true", expected: true),
        Case(op: "boolean:equal", a: false, b: true, expected: false),
        Case(op: "boolean:notequal", a: "false", b: true, expected: true),
    ]

    @Test(arguments: cases)
    func evaluates(_ example: Case) throws {
        let op = try #require(FilterOperator(example.op))
        #expect(try op.matches(example.a, example.b) == example.expected)
    }

    @Test func everyOperatorIsCoveredAndParses() {
        let covered = Set(Self.cases.map(\.op))
        #expect(Set(FilterOperator.allNames) == covered)
        for name in FilterOperator.allNames { #expect(FilterOperator(name)?.name == name) }
        #expect(FilterOperator("text:startswith") == nil)
        #expect(FilterOperator("number:equal:ci") == nil)
    }
}

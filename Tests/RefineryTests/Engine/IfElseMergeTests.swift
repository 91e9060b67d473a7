import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `builtin:BasicIfElse` and `builtin:BasicMerge` in the shape Make exports them: branches with their flows
/// nested in the if-else, the merge directly after it on the parent flow.
@Suite struct IfElseMergeTests {
    /// Feeds `values` one bundle each through an if-else on `{{1.value}}`: "big" above 10, "small" above 0,
    /// else "other"; `merges` says which branches rejoin at merge 8, whose output `kind` takes each
    /// branch's own mapping; module 9 after the merge records what arrives.
    static func flow(values: String, merges: [Bool] = [true, true, true], outputs: Bool = true, filters: String = "[null, null, null]", withElse: Bool = true) -> String {
        let elseBranch = withElse ? """
        , {"merge": \(merges[2]), "disabled": false, "label": "", "type": "else",
           "flow": [{"id": 5, "module": "test:branch", "mapper": {"kind": "other"}}]}
        """ : ""
        let mappings = [#""{{3.kind}}""#, #""{{4.kind}}""#] + (withElse ? [#""{{5.kind}}""#] : [])
        let output = outputs ? #"[{"name": "kind", "mappings": [\#(mappings.joined(separator: ", "))]}]"# : "[]"
        return """
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "mapper": {"array": \(values)}},
         {"id": 2, "module": "builtin:BasicIfElse", "version": 1, "mapper": null, "metadata": {"designer": {"x": 300, "y": 150}},
          "branches": [
            {"merge": \(merges[0]), "label": "Big", "type": "condition",
             "conditions": [[{"a": "{{1.value}}", "o": "number:greater", "b": "10"}]],
             "flow": [{"id": 3, "module": "test:branch", "mapper": {"kind": "big"}}]},
            {"merge": \(merges[1]), "label": "Small", "type": "condition",
             "conditions": [[{"a": "{{1.value}}", "o": "number:greater", "b": "0"}]],
             "flow": [{"id": 4, "module": "test:branch", "mapper": {"kind": "small"}}]}\(elseBranch)
          ]},
         {"id": 8, "module": "builtin:BasicMerge", "version": 1, "mapper": null, "metadata": {"designer": {"x": 900, "y": 150}},
          "outputs": \(output), "filters": \(filters)},
         {"id": 9, "module": "test:after", "mapper": {"kind": "{{8.kind}}", "value": "{{1.value}}"}}]
        """
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let flow: String
        let branches: [String]
        let after: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "first matching branch, then the merge", flow: flow(values: "[20, 5, -1]"),
             branches: ["big", "small", "other"], after: ["big", "small", "other"]),
        Case(name: "a branch that does not merge ends", flow: flow(values: "[20, 5, -1]", merges: [true, false, true]),
             branches: ["big", "small", "other"], after: ["big", "other"]),
        Case(name: "no else: an unmatched bundle stops", flow: flow(values: "[20, -1]", withElse: false),
             branches: ["big"], after: ["big"]),
        Case(name: "no outputs: the branch's last bundle goes on", flow: flow(values: "[5]", outputs: false),
             branches: ["small"], after: ["small"]),
        Case(name: "a merge filter of one branch", flow: flow(
            values: "[20, 5]",
            filters: #"[{"name": "never", "conditions": [[{"a": "1", "o": "text:equal", "b": "2"}]]}, null, null]"#
        ), branches: ["big", "small"], after: ["small"]),
    ]

    @Test(arguments: cases)
    func routesEachBundle(_ example: Case) async throws {
        let branch = recorder()
        let after = recorder()
        let harness = RunHarness(extra: ["test:branch": branch, "test:after": after])
        let report = try await harness.run(flow: example.flow)
        #expect(report.status == .success)
        #expect(branch.mappers.map { $0["kind"]?.stringValue } == example.branches)
        #expect(after.mappers.map { $0["kind"]?.stringValue } == example.after)
    }

    @Test func ifElseAndMergeCountOperationsAndModulesAfterSeeTheBranch() async throws {
        let after = recorder()
        let harness = RunHarness(extra: ["test:branch": recorder(), "test:after": after])
        let report = try await harness.run(flow: Self.flow(values: "[20, 5, -1]"))
        #expect(report.stats(for: 2)?.operations == 3)
        #expect(report.stats(for: 8)?.operations == 3)
        #expect(report.stats(for: 9)?.operations == 3)
        #expect(after.mappers.map { $0["value"] } == [20, 5, -1])
        let plan = try harness.plan(flow: Self.flow(values: "[1]"))
        #expect(plan.allNodes.map(\.id) == [1, 2, 3, 8, 9, 4, 5], "the flow after the merge is listed once")
    }

    @Test func aModuleAfterTheMergeMayReferToABranchModule() throws {
        let flow = Self.flow(values: "[1]").replacingOccurrences(of: #""kind": "{{8.kind}}""#, with: #""kind": "{{3.kind}}""#)
        let harness = RunHarness(extra: ["test:branch": recorder(), "test:after": recorder()])
        #expect(throws: Never.self) { try harness.plan(flow: flow) }
    }

    @Test func aBranchFlowCanHoldAnIteratorAndAnAggregator() async throws {
        let after = recorder()
        let harness = RunHarness(extra: ["test:after": after])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicIfElse", "branches": [
           {"type": "condition", "merge": true, "conditions": [[{"a": "1", "o": "text:equal", "b": "1"}]], "flow": [
             {"id": 2, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 2, 3]}},
             {"id": 3, "module": "builtin:BasicAggregator", "parameters": {"feeder": 2}, "mapper": {"v": "{{2.value}}"}}]},
           {"type": "else", "merge": true, "flow": []}]},
         {"id": 4, "module": "builtin:BasicMerge", "outputs": [], "filters": [null, null]},
         {"id": 5, "module": "test:after", "mapper": {"items": "{{4.array}}"}}]
        """)
        #expect(report.status == .success)
        #expect(after.mappers.map { $0["items"] } == [[["v": 1], ["v": 2], ["v": 3]]])
    }

    struct Problem: Sendable, CustomStringConvertible {
        let name: String
        let flow: String
        let code: String
        let pointer: String
        var description: String { name }
    }

    static let problems: [Problem] = [
        Problem(name: "no branches", flow: #"[{"id": 1, "module": "builtin:BasicIfElse"}]"#,
                code: "scenario.missing-branches", pointer: "/flow/0"),
        Problem(name: "else not last", flow: """
                [{"id": 1, "module": "builtin:BasicIfElse", "branches": [{"type": "else", "flow": []}, {"type": "condition", "flow": []}]}]
                """, code: "scenario.invalid-branch", pointer: "/flow/0/branches"),
        Problem(name: "unknown branch type", flow: """
                [{"id": 1, "module": "builtin:BasicIfElse", "branches": [{"type": "elif", "flow": []}]}]
                """, code: "scenario.invalid-branch", pointer: "/flow/0/branches/0/type"),
        Problem(name: "merge without if-else", flow: #"[{"id": 1, "module": "builtin:BasicMerge", "outputs": []}]"#,
                code: "scenario.misplaced-merge", pointer: "/flow/0/module"),
        Problem(name: "a mapping short", flow: """
                [{"id": 1, "module": "builtin:BasicIfElse", "branches": [{"type": "condition", "merge": true, "flow": []}, {"type": "else", "merge": true, "flow": []}]},
                 {"id": 2, "module": "builtin:BasicMerge", "outputs": [{"name": "a", "mappings": ["x"]}]}]
                """, code: "scenario.invalid-merge", pointer: "/flow/1/outputs/0/mappings"),
        Problem(name: "duplicate id inside a branch", flow: """
                [{"id": 1, "module": "builtin:BasicIfElse", "branches": [{"type": "condition", "flow": [{"id": 1, "module": "builtin:BasicRepeater", "mapper": {"repeats": 1}}]}]}]
                """, code: "scenario.duplicate-id", pointer: "/flow/0/branches/0/flow/0/id"),
        Problem(name: "reference into another branch", flow: """
                [{"id": 1, "module": "builtin:BasicIfElse", "branches": [
                   {"type": "condition", "flow": [{"id": 2, "module": "builtin:BasicRepeater", "mapper": {"repeats": 1}}]},
                   {"type": "else", "flow": [{"id": 3, "module": "builtin:BasicRepeater", "mapper": {"repeats": "{{2.i}}"}}]}]}]
                """, code: "scenario.unknown-reference", pointer: "/flow/0/branches/1/flow/0/mapper/repeats"),
    ]

    @Test(arguments: problems)
    func reportsProblem(_ example: Problem) throws {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: example.flow))
        let problem = try #require(problems.first { $0.code == example.code }, "got \(problems.map(\.code))")
        #expect(problem.source?.pointer?.description == example.pointer)
        #expect(problem.source?.line != nil)
    }

    @Test func theGraphShowsBranchesAndTheirMerge() throws {
        let graph = try ScenarioGraph(file: "s.json", bytes: Array(EngineFixtures.blueprint(flow: Self.flow(values: "[1]", merges: [true, false, true])).utf8))
        let mermaid = graph.render(.mermaid)
        #expect(mermaid.contains("Big"))
        #expect(mermaid.contains("else"))
        for edge in ["m3 --> m8", "m5 --> m8"] { #expect(mermaid.contains(edge), "\(mermaid)") }
        #expect(!mermaid.contains("m4 --> m8"), "branch 'Small' does not merge")
    }
}

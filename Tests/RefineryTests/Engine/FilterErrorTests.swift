import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// A filter whose expression fails is an error of the filtered module on that bundle, located in the
/// blueprint like a load-time problem; never a silent "does not pass".
@Suite struct FilterErrorTests {
    static func flow(onerror: String = "") -> String {
        """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 0, 2]}},
         {"id": 2, "module": "test:record", "mapper": {"n": "{{1.value}}"},
          "filter": {"name": "ratio", "conditions": [[{"a": "{{10 / 1.value}}", "o": "number:greater", "b": "1"}]]}\(onerror)}]
        """
    }

    @Test func aFailingFilterIsAnErrorOfItsModuleWithTheExpressionsLocation() async throws {
        let recorder = FakeModule.action()
        let harness = RunHarness(extra: ["test:record": recorder])
        let report = try await harness.run(flow: Self.flow())
        #expect(report.status == .error)
        let error = try #require(report.errors.first)
        #expect(error.moduleId == 2)
        #expect(error.type == "DataError")
        #expect(error.message.contains("s.json#/flow/1/filter/conditions/0/0/a:"), "\(error.message)")
        #expect(error.message.contains("[iml.division-by-zero]"), "\(error.message)")
        #expect(recorder.mappers.map { $0["n"] } == [1])
    }

    @Test func anErrorRouteHandlesIt() async throws {
        let recorder = FakeModule.action()
        let harness = RunHarness(extra: ["test:record": recorder])
        let report = try await harness.run(flow: Self.flow(onerror: #", "onerror": [{"id": 9, "module": "builtin:Ignore"}]"#))
        #expect(report.status == .success)
        #expect(report.errors.first?.handledBy == "builtin:Ignore")
        #expect(recorder.mappers.map { $0["n"] } == [1, 2])
    }

    /// A mapping that fails at run time names its place too.
    @Test func aFailingMappingNamesFilePointerLineAndColumn() async throws {
        let harness = RunHarness(extra: ["test:record": FakeModule.action()])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:record", "mapper": {"n": "{{parseDate('soon'; 'YYYY-MM-DD')}}"}}]
        """)
        let message = try #require(report.errors.first?.message)
        #expect(message.contains("s.json#/flow/0/mapper/n:"), "\(message)")
        #expect(message.range(of: #"#/flow/0/mapper/n:\d+:\d+: "#, options: .regularExpression) != nil, "\(message)")
    }

    /// `(a+)+$` on 100 characters backtracked for 47 s; matching now stops at its time budget and the
    /// bundle is an error of the filtered module, not a pass or a silent drop.
    @Test func aPatternThatBacktracksForeverIsBoundedAndAnError() async throws {
        let recorder = FakeModule.action()
        let harness = RunHarness(extra: ["test:record": recorder])
        let text = String(repeating: "a", count: 100) + "!"
        let started = ContinuousClock.now
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:record", "mapper": {"n": 1},
          "filter": {"name": "slow", "conditions": [[{"a": "\(text)", "o": "text:pattern", "b": "(a+)+$"}]]}}]
        """)
        #expect(ContinuousClock.now - started < .seconds(30))
        let error = try #require(report.errors.first)
        #expect(error.moduleId == 1)
        #expect(error.type == "DataError")
        #expect(error.message.contains("'(a+)+$' did not finish matching a text of 101 characters within 1 s"), "\(error.message)")
        #expect(recorder.mappers.isEmpty)
    }
}

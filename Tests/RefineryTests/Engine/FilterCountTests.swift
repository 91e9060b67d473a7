import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// The run report says what each filter let through and held back (Make's "passed N / didn't pass M"),
/// for the modules that have a filter only (a router with a filter is listed for it, with no operations).
@Suite struct FilterCountTests {
    static let routed = """
    [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 7, 10, 3]}},
     {"id": 2, "module": "builtin:BasicRouter", "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:less", "b": "100"}]]}, "routes": [
       {"flow": [{"id": 3, "module": "test:first", "mapper": {"v": "{{1.value}}"},
                  "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:less", "b": "8"}]]}},
                 {"id": 6, "module": "test:after", "mapper": {"v": "{{1.value}}"},
                  "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:greater", "b": "2"}]]}}]},
       {"flow": [{"id": 4, "module": "test:second", "mapper": {"v": "{{1.value}}"},
                  "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:less", "b": "5"}]]}}]},
       {"flow": [{"id": 5, "module": "test:fallback", "mapper": {"v": "{{1.value}}"}}], "fallback": true}]}]
    """

    static func harness() -> RunHarness {
        RunHarness(extra: ["test:first": recorder(), "test:second": recorder(), "test:fallback": recorder(), "test:after": recorder()])
    }

    @Test func routesAndModulesCountWhatTheirFiltersPassedAndDropped() async throws {
        let report = try await Self.harness().run(flow: Self.routed)
        #expect(report.stats(for: 3)?.filter == RunReport.FilterCounts(passed: 3, dropped: 1))
        #expect(report.stats(for: 6)?.filter == RunReport.FilterCounts(passed: 2, dropped: 1), "only what reached it: 1, 7, 3")
        #expect(report.stats(for: 4)?.filter == RunReport.FilterCounts(passed: 2, dropped: 2))
        #expect(report.stats(for: 1)?.filter == nil, "no filter, no counts")
        let router = try #require(report.stats(for: 2), "a router with a filter is listed for its counts")
        #expect(router.filter == RunReport.FilterCounts(passed: 4, dropped: 0))
        #expect(router.operations == 0 && router.bundles == 0)
        #expect(report.stats(for: 5)?.filter == nil)
        #expect(report.stats(for: 5)?.operations == 1, "10 passed no route")
    }

    @Test func theJSONReportHasTheCountsInAFixedOrderOnlyWhereThereIsAFilter() async throws {
        let report = try await Self.harness().run(flow: Self.routed)
        let modules = try #require(report.json["modules"]?.arrayValue)
        let byId = Dictionary(uniqueKeysWithValues: modules.map { ($0["id"]?.intValue ?? 0, $0) })
        #expect(byId[3]?.serialized() == #"{"id":3,"module":"test:first","operations":3,"bundles":3,"filter":{"passed":3,"dropped":1}}"#)
        #expect(byId[1]?["filter"] == nil)
        #expect(byId[5]?.serialized() == #"{"id":5,"module":"test:fallback","operations":1,"bundles":1}"#)
    }

    /// A filtered module no bundle reached still says so: zero passed, zero dropped.
    @Test func aFilterNoBundleReachedCountsZeros() async throws {
        let report = try await RunHarness(extra: ["test:record": recorder()]).run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": []}},
         {"id": 2, "module": "test:record", "filter": {"conditions": [[{"a": "{{1.value}}", "o": "exist"}]]}}]
        """)
        #expect(report.stats(for: 2)?.filter == RunReport.FilterCounts(passed: 0, dropped: 0))
    }

    /// A bundle whose filter fails to evaluate is an error, neither passed nor dropped.
    @Test func aFilterThatFailsCountsTheBundleInNeither() async throws {
        let report = try await RunHarness(extra: ["test:record": recorder()]).run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 0, 20]}},
         {"id": 2, "module": "test:record", "onerror": [{"id": 9, "module": "builtin:Ignore"}],
          "filter": {"conditions": [[{"a": "{{10 / 1.value}}", "o": "number:greater", "b": "1"}]]}}]
        """)
        #expect(report.errors.count == 1)
        #expect(report.stats(for: 2)?.filter == RunReport.FilterCounts(passed: 1, dropped: 1))
    }
}

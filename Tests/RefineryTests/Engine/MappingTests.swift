import Refinery
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct MappingTests {
    @Test func routesSeeTheRouterInputAndTheirOwnEarlierModules() async throws {
        let first = recorder(), second = recorder()
        let harness = RunHarness(extra: ["test:a": first, "test:b": second])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"n": 1}, {"n": 2}]}},
         {"id": 2, "module": "builtin:BasicRouter", "routes": [
           {"flow": [{"id": 3, "module": "test:a", "mapper": {"double": "{{1.n * 2}}"}},
                     {"id": 4, "module": "test:b", "mapper": {"fromRoute": "{{3.double}}", "fromStart": "{{1.n}}", "text": "n={{1.n}}"}}]}]}]
        """)
        #expect(second.mappers == [
            ["fromRoute": 2, "fromStart": 1, "text": "n=1"],
            ["fromRoute": 4, "fromStart": 2, "text": "n=2"],
        ])
    }

    @Test func nestedIteratorsAggregatePerOuterBundle() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"tags": ["a", "b"]}, {"tags": ["c"]}]}},
         {"id": 2, "module": "builtin:BasicFeeder", "mapper": {"array": "{{1.tags}}"}},
         {"id": 3, "module": "builtin:BasicAggregator", "parameters": {"feeder": 2}, "mapper": {"tag": "{{upper(2.value)}}"}},
         {"id": 4, "module": "test:sink", "mapper": {"tags": "{{3.array}}", "outer": "{{1.__IMTINDEX__}}"}}]
        """)
        #expect(sink.mappers == [
            ["tags": [["tag": "A"], ["tag": "B"]], "outer": 1],
            ["tags": [["tag": "C"]], "outer": 2],
        ])
    }

    @Test func makeConnectionKeysAreNotPassedToModules() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: #"[{"id": 1, "module": "test:sink", "parameters": {"__IMTCONN__": 42}, "mapper": {"x": 1}}]"#)
        #expect(sink.calls.first?.parameters == [:])
        #expect(sink.calls.first?.mapper == ["x": 1])
    }

    @Test func ignoreKeywordLeavesAFieldOut() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: #"[{"id": 1, "module": "test:sink", "mapper": {"a": "{{ignore}}", "b": "{{erase}}", "c": 3}}]"#)
        #expect(sink.calls.first?.mapper == ["b": .null, "c": 3])
    }

    @Test func aggregatorMappingFailureIsHandledByTheAggregatorsRoute() async throws {
        let harness = RunHarness()
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 0, 2]},
          "onerror": [{"id": 8, "module": "builtin:Rollback"}]},
         {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"v": "{{10 / 1.value}}"},
          "onerror": [{"id": 9, "module": "builtin:Ignore"}]}]
        """)
        #expect(report.status == .success)
        #expect(report.errors.map(\.moduleId) == [2])
        #expect(report.errors.first?.handledBy == "builtin:Ignore")
        #expect(report.stats(for: 2)?.bundles == 1)
    }

    @Test func failingExpressionIsADataErrorOfItsModule() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: #"[{"id": 1, "module": "test:sink", "mapper": {"a": "{{1 / 0}}"}}]"#)
        #expect(report.status == .error)
        #expect(report.errors.first?.type == "DataError")
        #expect(report.errors.first?.moduleId == 1)
        #expect(sink.calls.isEmpty)
    }
}

import Refinery
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct BuiltinModuleTests {
    @Test func iteratorThenAggregatorMapsAcrossBundles() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"n": "a", "g": "x"}, {"n": "b", "g": "y"}, {"n": "c", "g": "x"}]}},
         {"id": 2, "module": "test:sink", "mapper": {"name": "{{1.n}}", "at": "{{1.__IMTINDEX__}}"}},
         {"id": 3, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"name": "{{2.name}}"}},
         {"id": 4, "module": "test:sink", "mapper": {"all": "{{3.array}}", "count": "{{3.__IMTAGGLENGTH__}}"}}]
        """)
        #expect(report.status == .success)
        #expect(sink.mappers.prefix(3).map { $0["name"] } == ["a", "b", "c"])
        #expect(sink.mappers.prefix(3).map { $0["at"] } == [1, 2, 3])
        #expect(sink.mappers.last?["all"] == [["name": "a"], ["name": "b"], ["name": "c"]])
        #expect(sink.mappers.last?["count"] == 3)
        #expect(report.stats(for: 1)?.bundles == 3)
        #expect(report.stats(for: 3)?.operations == 1)
        #expect(report.operations == 1 + 3 + 1 + 1)
    }

    @Test func aggregatorGroupsBy() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"n": "a", "g": "x"}, {"n": "b", "g": "y"}, {"n": "c", "g": "x"}]}},
         {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"n": "{{1.n}}", "groupBy": "{{1.g}}"}},
         {"id": 3, "module": "test:sink", "mapper": {"key": "{{2.key}}", "items": "{{2.array}}"}}]
        """)
        #expect(sink.mappers.map { $0["key"] } == ["x", "y"])
        #expect(sink.mappers.first?["items"] == [["n": "a"], ["n": "c"]])
    }

    /// A poll that finds nothing runs nothing after it: no empty aggregate either.
    @Test(arguments: [3, 0])
    func aggregatorFedByTriggerCollectsTheCycle(items: Int) async throws {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add((0..<items).map { FakeTriggerSource.Item(id: "\($0 + 1)") })
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 10}},
         {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"id": "{{1.id}}"}},
         {"id": 3, "module": "test:sink", "mapper": {"ids": "{{2.array}}"}}]
        """)
        #expect(sink.mappers.map { $0["ids"] } == (items == 0 ? [] : [[["id": "1"], ["id": "2"], ["id": "3"]]]))
    }

    @Test func textAggregatorJoinsWithSeparator() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicRepeater", "mapper": {"repeats": 3, "start": 5, "step": 5}},
         {"id": 2, "module": "util:TextAggregator", "parameters": {"feeder": 1, "rowSeparator": "other", "delimiter": ", "}, "mapper": {"value": "n={{1.i}}"}},
         {"id": 3, "module": "test:sink", "mapper": {"text": "{{2.text}}"}}]
        """)
        #expect(sink.mappers.map { $0["text"] } == ["n=5, n=10, n=15"])
    }

    @Test func variablesLiveForACycleOrTheExecution() async throws {
        let sink = recorder()
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add([.init(id: "1"), .init(id: "2")])
        let harness = RunHarness(extra: ["test:sink": sink, "test:trigger": trigger])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 1}},
         {"id": 2, "module": "util:GetVariables", "mapper": {"variables": [{"name": "cycle"}, {"name": "run"}]}},
         {"id": 3, "module": "test:sink", "mapper": {"cycle": "{{2.cycle}}", "run": "{{2.run}}"}},
         {"id": 4, "module": "util:SetVariable", "mapper": {"name": "cycle", "value": "{{1.id}}"}},
         {"id": 5, "module": "util:SetVariables", "mapper": {"scope": "execution", "variables": [{"name": "run", "value": "{{1.id}}"}]}},
         {"id": 6, "module": "util:GetVariable", "mapper": {"name": "cycle"}},
         {"id": 7, "module": "test:sink", "mapper": {"again": "{{6.cycle}}"}}]
        """, metadata: #"{"scenario": {"roundtrips": 2}}"#)
        // Cycle 2 no longer sees cycle 1's roundtrip variable, but sees the execution one.
        #expect(sink.mappers.compactMap { $0["cycle"] } == [.null, .null])
        #expect(sink.mappers.compactMap { $0["run"] } == [.null, "1"])
        #expect(sink.mappers.compactMap { $0["again"] } == ["1", "2"])
    }

    @Test func repeaterCountsFromStart() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicRepeater", "mapper": {"repeats": 4}},
         {"id": 2, "module": "test:sink", "mapper": {"i": "{{1.i}}"}}]
        """)
        #expect(sink.mappers.map { $0["i"] } == [1, 2, 3, 4])
        #expect(report.stats(for: 1)?.bundles == 4)
    }

    @Test func iteratorOfPrimitivesUsesValue() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": ["a", "b"]}},
         {"id": 2, "module": "test:sink", "mapper": {"v": "{{1.value}}", "n": "{{1.__IMTLENGTH__}}"}}]
        """)
        #expect(sink.mappers.map { $0["v"] } == ["a", "b"])
        #expect(sink.mappers.map { $0["n"] } == [2, 2])
    }

    @Test func routerVisitsRoutesInOrderWithFallback() async throws {
        let first = recorder(), second = recorder(), fallback = recorder()
        let harness = RunHarness(extra: ["test:first": first, "test:second": second, "test:fallback": fallback])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 7, 10]}},
         {"id": 2, "module": "builtin:BasicRouter", "routes": [
           {"flow": [{"id": 3, "module": "test:first", "mapper": {"v": "{{1.value}}"},
                      "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:less", "b": "8"}]]}}]},
           {"flow": [{"id": 4, "module": "test:second", "mapper": {"v": "{{1.value}}"},
                      "filter": {"conditions": [[{"a": "{{1.value}}", "o": "number:less", "b": "5"}]]}}]},
           {"flow": [{"id": 5, "module": "test:fallback", "mapper": {"v": "{{1.value}}"}}], "fallback": true}]}]
        """)
        #expect(first.mappers.map { $0["v"] } == [1, 7])
        #expect(second.mappers.map { $0["v"] } == [1])
        #expect(fallback.mappers.map { $0["v"] } == [10])
        #expect(report.stats(for: 2) == nil, "routers do not count operations")
        #expect(report.operations == 1 + 2 + 1 + 1)
    }

    @Test func filterStopsTheBundleOnItsPath() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"s": "Active"}, {"s": "gone"}, {"s": "ACTIVE"}]}},
         {"id": 2, "module": "test:sink", "mapper": {"s": "{{1.s}}"},
          "filter": {"conditions": [[{"a": "{{1.s}}", "o": "text:equal:ci", "b": "active"}], [{"a": "{{1.s}}", "o": "text:equal", "b": "never"}]]}}]
        """)
        #expect(sink.mappers.map { $0["s"] } == ["Active", "ACTIVE"])
    }
}

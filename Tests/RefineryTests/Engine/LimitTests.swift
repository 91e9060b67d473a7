import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct LimitTests {
    static func triggerHarness(items: Int, sink: FakeModule = recorder()) -> (RunHarness, FakeTriggerSource) {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add((1...items).map { FakeTriggerSource.Item(id: "\($0)") })
        return (RunHarness(extra: ["test:trigger": trigger, "test:sink": sink]), trigger)
    }

    static let flow = """
    [{"id": 1, "module": "test:trigger", "parameters": {"limit": 2}},
     {"id": 2, "module": "test:sink", "mapper": {"id": "{{1.id}}"}}]
    """

    @Test func triggerLimitAndRoundtripsBoundACycle() async throws {
        let sink = recorder()
        let (harness, _) = Self.triggerHarness(items: 7, sink: sink)
        let report = try await harness.run(flow: Self.flow, metadata: #"{"scenario": {"roundtrips": 3}}"#)
        #expect(report.cycles == 3)
        #expect(sink.mappers.map { $0["id"] } == ["1", "2", "3", "4", "5", "6"])
        #expect(report.limit == LimitReached(.maxCycles, count: 3))
        #expect(harness.state.positions[1]?.lastId == "6")
        let next = try await harness.run(flow: Self.flow, metadata: #"{"scenario": {"roundtrips": 3}}"#)
        #expect(next.cycles == 1)
        #expect(next.limit == nil, "a short batch means the trigger is drained")
        #expect(sink.mappers.last?["id"] == "7")
    }

    @Test func maxCyclesOptionOverridesRoundtrips() async throws {
        let (harness, _) = Self.triggerHarness(items: 9)
        let report = try await harness.run(flow: Self.flow, metadata: #"{"scenario": {"roundtrips": 5}}"#, options: RunOptions(maxCycles: 2))
        #expect(report.cycles == 2)
        #expect(harness.state.positions[1]?.lastId == "4")
    }

    @Test func maxOperationsEndsCleanlyAndThePositionCoversFinishedBundles() async throws {
        let sink = recorder()
        let (harness, _) = Self.triggerHarness(items: 5, sink: sink)
        let report = try await harness.run(
            flow: """
            [{"id": 1, "module": "test:trigger", "parameters": {"limit": 5}},
             {"id": 2, "module": "test:sink", "mapper": {"id": "{{1.id}}"}},
             {"id": 3, "module": "test:sink", "mapper": {"again": "{{1.id}}"}}]
            """,
            metadata: #"{"refinery": {"maxOperations": 6}}"#
        )
        // 1 trigger op + 2 per item: items 1 and 2 finish (5 ops), item 3 runs module 2 (6th op) and stops.
        #expect(report.status == .success)
        #expect(report.operations == 6)
        #expect(report.limit == LimitReached(.maxOperations, moduleId: 3, count: 6))
        #expect(harness.state.positions[1]?.lastId == "2")
        #expect(report.json["limit"] == ["name": "maxOperations", "moduleId": 3, "count": 6])
    }

    @Test func searchLimitCapsBundlesPerIncomingBundle() async throws {
        let sink = recorder()
        let search = FakeModule.search((1...10).map { ["n": .int($0)] })
        let harness = RunHarness(extra: ["test:search": search, "test:sink": sink])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicRepeater", "mapper": {"repeats": 2}},
         {"id": 2, "module": "test:search", "mapper": {"limit": 3}},
         {"id": 3, "module": "test:sink", "mapper": {"n": "{{2.n}}"}}]
        """)
        #expect(sink.calls.count == 6)
        #expect(search.calls.map(\.limit) == [3, 3], "the limit is passed down to stop pagination")
        #expect(report.stats(for: 2)?.bundles == 6)
        #expect(report.stats(for: 2)?.operations == 2)
    }

    @Test func maxPagesIsPassedDownAndItsLimitEndsTheRun() async throws {
        let pager = FakeModule(ModuleDescriptor(kind: .search)) { call in
            throw LimitReached(.maxPages, moduleId: call.moduleId, count: call.maxPages)
        }
        let harness = RunHarness(extra: ["test:pager": pager])
        let report = try await harness.run(flow: #"[{"id": 4, "module": "test:pager"}]"#, metadata: #"{"refinery": {"maxPages": 7}}"#)
        #expect(pager.calls.first?.maxPages == 7)
        #expect(report.status == .success)
        #expect(report.limit == LimitReached(.maxPages, moduleId: 4, count: 7))
    }

    /// A polling trigger that hits `maxPages` before reaching the items it saw last processes nothing,
    /// run after run: the limit says so (`noProgress`), not a quiet success.
    @Test func maxPagesOnTheTriggerInTheFirstCycleMadeNoProgress() async throws {
        let trigger = FakeModule(ModuleDescriptor(kind: .trigger, trigger: TriggerSupport(type: .id, order: .desc))) { call in
            throw LimitReached(.maxPages, moduleId: call.moduleId, count: call.maxPages)
        }
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:record": FakeModule.action()])
        let report = try await harness.run(
            flow: #"[{"id": 1, "module": "test:trigger"}, {"id": 2, "module": "test:record"}]"#, metadata: #"{"refinery": {"maxPages": 3}}"#
        )
        #expect(report.limit?.kind == .maxPages)
        #expect(report.limit?.madeNoProgress == true)
        #expect(report.json["limit"]?["noProgress"] == true)

        let search = FakeModule(ModuleDescriptor(kind: .search)) { call in throw LimitReached(.maxPages, moduleId: call.moduleId, count: 3) }
        let other = try await RunHarness(extra: ["test:pager": search]).run(flow: #"[{"id": 4, "module": "test:pager"}]"#)
        #expect(other.limit?.madeNoProgress == false)
        #expect(other.json["limit"]?["noProgress"] == nil)
    }

    @Test func maxBundleBytesStopsOversizedOutput() async throws {
        let big = FakeModule(ModuleDescriptor(kind: .search)) { _ in [ModuleOutput(["text": .string(String(repeating: "x", count: 500))])] }
        let harness = RunHarness(extra: ["test:big": big])
        let report = try await harness.run(flow: #"[{"id": 1, "module": "test:big"}]"#, metadata: #"{"refinery": {"maxBundleBytes": 100}}"#)
        #expect(report.limit?.kind == .maxBundleBytes)
        #expect(report.limit?.moduleId == 1)
        #expect(report.limit?.count == 511)
    }

    @Test func requestBudgetPerConnectionPerMinute() async throws {
        let spender = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true, connection: "refiner")) { call in
            try call.budget.spend()
            try call.budget.spend()
            return [ModuleOutput([:])]
        }
        let harness = RunHarness(extra: ["test:spend": spender])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicRepeater", "mapper": {"repeats": 5}},
         {"id": 2, "module": "test:spend"}]
        """, metadata: #"{"refinery": {"requestsPerMinute": {"refiner": 5}}}"#)
        #expect(spender.calls.count == 3)
        #expect(report.limit == LimitReached(.requestBudget, moduleId: 2, count: 5))
    }

    @Test func requestBudgetWindowResetsAfterAMinute() throws {
        let clock = VirtualRunClock()
        let budget = RequestBudget(perMinute: ["refiner": 2], clock: clock)
        let bound = budget.bound(to: "refiner", moduleId: 1)
        try bound.spend()
        try bound.spend()
        #expect(throws: LimitReached.self) { try bound.spend() }
        clock.advance(seconds: 60)
        try bound.spend()
        #expect(budget.used("refiner") == 1)
    }

    @Test func reportJSONIsDeterministic() async throws {
        let (harness, _) = Self.triggerHarness(items: 3)
        let report = try await harness.run(flow: Self.flow)
        let text = report.json.serialized()
        #expect(text == """
        {"scenario":"test","status":"success","cycles":1,"operations":3,"modules":[{"id":1,"module":"test:trigger","operations":1,"bundles":2},{"id":2,"module":"test:sink","operations":2,"bundles":2}],"limit":{"name":"maxCycles","moduleId":null,"count":1},"errors":[],"incompleteExecutions":0}
        """)
    }
}

import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct TriggerPositionTests {
    static let base = Date(timeIntervalSince1970: 1_767_225_600)

    /// 12 items over 6 distinct dates: pairs share a timestamp (ids are not in date order).
    static func items(_ range: ClosedRange<Int>) -> [FakeTriggerSource.Item] {
        range.map { n in FakeTriggerSource.Item(id: "r\(100 - n)", date: base.addingTimeInterval(Double(n / 2) * 60)) }
    }

    static let flow = """
    [{"id": 1, "module": "test:trigger", "parameters": {"limit": 5}},
     {"id": 2, "module": "test:sink", "mapper": {"id": "{{1.id}}"}}]
    """

    static func expectedOrder(_ items: [FakeTriggerSource.Item]) -> [JSONValue] {
        items.sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map { .string($0.id) }
    }

    @Test(arguments: [TriggerSupport.Order.asc, .desc, .unordered])
    func emitsEveryItemOnceOldestFirstAcrossRuns(order: TriggerSupport.Order) async throws {
        let trigger = FakeTriggerSource(type: .date, order: order)
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        let first = Self.items(0...7)
        trigger.add(first)
        _ = try await harness.run(flow: Self.flow)
        _ = try await harness.run(flow: Self.flow)
        let later = Self.items(8...11)
        trigger.add(later)
        _ = try await harness.run(flow: Self.flow)
        _ = try await harness.run(flow: Self.flow)
        let seen = sink.mappers.map { $0["id"] ?? .null }
        #expect(seen == Self.expectedOrder(first) + Self.expectedOrder(later))
        let position = try #require(harness.state.positions[1])
        #expect(position.lastDate == Self.base.addingTimeInterval(5 * 60))
        #expect(Set(position.sameDateIds) == ["r90", "r89"])
    }

    @Test func equalTimestampsSplitAcrossCyclesAreNeitherLostNorRepeated() async throws {
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        let same = (1...5).map { FakeTriggerSource.Item(id: "s\($0)", date: Self.base) }
        trigger.add(same)
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 2}},
         {"id": 2, "module": "test:sink", "mapper": {"id": "{{1.id}}"}}]
        """, metadata: #"{"scenario": {"roundtrips": 10}}"#)
        #expect(sink.mappers.map { $0["id"] } == ["s1", "s2", "s3", "s4", "s5"])
        #expect(report.cycles == 3)
        #expect(harness.state.positions[1]?.sameDateIds == ["s1", "s2", "s3", "s4", "s5"])
    }

    @Test func descendingAPIStopsReadingAtKnownItems() async throws {
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": recorder()])
        trigger.add(Self.items(0...9))
        _ = try await harness.run(flow: Self.flow.replacingOccurrences(of: "\"limit\": 5", with: "\"limit\": 50"))
        let servedBefore = trigger.itemsServed
        trigger.add(Self.items(10...11))
        _ = try await harness.run(flow: Self.flow)
        // Two new items, the two already seen at the position's date, then the first older one: 5 reads, not 12.
        #expect(trigger.itemsServed - servedBefore == 5)
    }

    @Test func idTriggersCompareIdsNumerically() async throws {
        let trigger = FakeTriggerSource(type: .id, order: .desc)
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        trigger.add([8, 9, 10, 11].map { FakeTriggerSource.Item(id: "\($0)") })
        _ = try await harness.run(flow: Self.flow)
        trigger.add([12, 100].map { FakeTriggerSource.Item(id: "\($0)") })
        _ = try await harness.run(flow: Self.flow)
        #expect(sink.mappers.map { $0["id"] } == ["8", "9", "10", "11", "12", "100"])
        #expect(harness.state.positions[1]?.lastId == "100")
    }

    @Test func startFromNowSkipsExistingItems() async throws {
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        trigger.add(Self.items(0...3))
        let options = RunOptions(start: .fromNow)
        let first = try await harness.run(flow: Self.flow, options: options)
        #expect(sink.calls.isEmpty)
        #expect(first.operations == 1)
        trigger.add(Self.items(4...5))
        _ = try await harness.run(flow: Self.flow, options: options)
        #expect(sink.mappers.map { $0["id"] } == Self.expectedOrder(Self.items(4...5)))
    }

    @Test func startSinceADateIncludesThatDate() async throws {
        let trigger = FakeTriggerSource(type: .date, order: .unordered)
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        trigger.add(Self.items(0...7))
        _ = try await harness.run(flow: Self.flow, options: RunOptions(start: .since(Self.base.addingTimeInterval(120))))
        #expect(sink.mappers.map { $0["id"] } == Self.expectedOrder(Self.items(4...7)))
    }

    @Test func positionIsNotCommittedWhenTheCycleFails() async throws {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add((1...3).map { FakeTriggerSource.Item(id: "\($0)") })
        let failing = FakeModule.failing(ModuleError(.connection, code: "http.network", message: "down"))
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:fail": failing])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 5}}, {"id": 2, "module": "test:fail"}]
        """)
        #expect(report.status == .error)
        #expect(harness.state.positions[1] == nil)
    }

    @Test func triggerLimitDefaultsToTheDeclaredDefault() async throws {
        let trigger = FakeTriggerSource(type: .id, order: .asc, defaultLimit: 2)
        trigger.add((1...5).map { FakeTriggerSource.Item(id: "\($0)") })
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        _ = try await harness.run(flow: #"[{"id": 1, "module": "test:trigger"}, {"id": 2, "module": "test:sink", "mapper": {"id": "{{1.id}}"}}]"#)
        #expect(sink.calls.count == 2)
    }
}

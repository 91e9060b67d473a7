import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Synchronization
import Testing

/// A state file removed while a run holds its lock (someone cleaning up `.refinery/`) is written again
/// whole at the next commit: the run keeps its state in memory, so no position is lost and a rerun
/// processes nothing twice.
@Suite struct VanishedStateTests {
    @Test(arguments: [1, 4, 9])
    func aStateFileRemovedMidRunIsWrittenAgainWhole(removeAt: Int) async throws {
        let directory = FileStateStoreTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileStateStore(directory: directory, lockLease: LockLease(duration: 3600, renewEvery: nil), now: { Date() })
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        trigger.add(CrashRecoveryTests.items())
        let effects = Mutex<[String]>([])
        let calls = Mutex(0)
        let stateFile = store.stateURL("vanish")
        let effect = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            if calls.withLock({ $0 += 1; return $0 }) == removeAt { try? FileManager.default.removeItem(at: stateFile) }
            effects.withLock { $0.append(call.mapper["id"]?.stringValue ?? "?") }
            return [ModuleOutput([:])]
        }
        let catalog = EngineFixtures.catalog(extra: ["test:trigger": trigger, "test:effect": effect])
        let flow = #"[{"id": 1, "module": "test:trigger", "parameters": {"limit": 4}}, {"id": 2, "module": "test:effect", "mapper": {"id": "{{1.id}}"}}]"#
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: #"{"scenario": {"roundtrips": 20}}"#), catalog: catalog)
        let runner = ScenarioRunner(plan: plan, environment: .testing(store: store), scenarioKey: "vanish")
        _ = try await runner.run()
        #expect(FileManager.default.fileExists(atPath: stateFile.path))
        #expect(try store.read("vanish").positions[1] != nil)
        _ = try await runner.run()
        let processed = effects.withLock { $0 }
        #expect(processed.count == 10)
        #expect(Set(processed).count == 10, "a rerun processes nothing again")
    }

    @Test func setAsideKeepsTheOldStateAndTheNextReadIsFresh() throws {
        let directory = FileStateStoreTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileStateStore(directory: directory, now: { Date(timeIntervalSince1970: 1_767_225_600) })
        var state = ScenarioState()
        state.consecutiveErrors = 2
        try store.write(state, for: "nps")
        let kept = try #require(try store.setAside("nps"))
        #expect(kept.hasSuffix("nps.state.json.set-aside-20260101T000000Z"))
        #expect(try store.read("nps") == ScenarioState())
        #expect(try store.setAside("nps") == nil)
        try store.write(state, for: "nps")
        #expect(try store.setAside("nps")?.hasSuffix("-2") == true, "a second set-aside in the same second gets its own name")
    }
}

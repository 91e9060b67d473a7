import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Synchronization
import Testing

/// A run killed at many points, then run again, against a file store: no trigger item is lost, and none
/// is processed twice unless the kill fell between its last side effect and its commit.
@Suite struct CrashRecoveryTests {
    final class Probe: Sendable {
        let calls = Mutex(0)
        let killAt: Int?
        let effects = Mutex<[String]>([])
        init(killAt: Int?) { self.killAt = killAt }
    }

    static let flow = """
    [{"id": 1, "module": "test:trigger", "parameters": {"limit": 4}},
     {"id": 2, "module": "test:gate", "mapper": {"id": "{{1.id}}"}},
     {"id": 3, "module": "test:effect", "mapper": {"id": "{{1.id}}"}}]
    """

    static func run(trigger: FakeTriggerSource, probe: Probe, directory: URL, interruption: AtomicFile.Interruption? = nil) async throws {
        let gate = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            let count = probe.calls.withLock { value in
                value += 1
                return value
            }
            if count == probe.killAt { throw CancellationError() }
            return [ModuleOutput(.object(call.mapper))]
        }
        let effect = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            probe.effects.withLock { $0.append(call.mapper["id"]?.stringValue ?? "?") }
            return [ModuleOutput([:])]
        }
        let catalog = EngineFixtures.catalog(extra: ["test:trigger": trigger, "test:gate": gate, "test:effect": effect])
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: #"{"scenario": {"roundtrips": 20}}"#), catalog: catalog)
        let store = FileStateStore(directory: directory, lockLease: LockLease(duration: 3600, renewEvery: nil), now: { Date() }, interruption: interruption)
        _ = try await ScenarioRunner(plan: plan, environment: .testing(store: store), scenarioKey: "crash").run()
    }

    static func items() -> [FakeTriggerSource.Item] {
        (1...10).map { FakeTriggerSource.Item(id: "i\($0)", date: Date(timeIntervalSince1970: Double(1_767_225_600 + ($0 / 3) * 60))) }
    }

    @Test(arguments: 1...10)
    func killedBeforeASideEffectProcessesEveryItemExactlyOnce(killAt: Int) async throws {
        let directory = FileStateStoreTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        trigger.add(Self.items())
        let killed = Probe(killAt: killAt)
        await #expect(throws: CancellationError.self) {
            try await Self.run(trigger: trigger, probe: killed, directory: directory)
        }
        let rerun = Probe(killAt: nil)
        try await Self.run(trigger: trigger, probe: rerun, directory: directory)
        let effects = killed.effects.withLock { $0 } + rerun.effects.withLock { $0 }
        let oldestFirst = Self.items().sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map(\.id)
        #expect(effects == oldestFirst, "every item once, oldest first")
        let third = Probe(killAt: nil)
        try await Self.run(trigger: trigger, probe: third, directory: directory)
        #expect(third.effects.withLock { $0 }.isEmpty, "a third run finds nothing new")
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func killedWhileCommittingRepeatsAtMostTheItemInFlight(write: Int) async throws {
        let directory = FileStateStoreTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trigger = FakeTriggerSource(type: .date, order: .desc)
        trigger.add(Self.items())
        struct Killed: Error {}
        let writes = Mutex(0)
        let first = Probe(killAt: nil)
        await #expect(throws: (any Error).self) {
            try await Self.run(trigger: trigger, probe: first, directory: directory) { _ in
                let count = writes.withLock { value in
                    value += 1
                    return value
                }
                if count == write { throw Killed() }
            }
        }
        let second = Probe(killAt: nil)
        try await Self.run(trigger: trigger, probe: second, directory: directory)
        let effects = first.effects.withLock { $0 } + second.effects.withLock { $0 }
        #expect(Set(effects) == Set((1...10).map { "i\($0)" }), "no item is lost")
        #expect(effects.count <= 11, "at most the item whose commit was cut runs twice")
    }
}

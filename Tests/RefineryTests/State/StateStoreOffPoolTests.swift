import Foundation
@testable import Refinery
import Synchronization
import Testing

/// A store that notes whether each write runs on the state I/O queue.
final class QueueRecordingStore: StateStore {
    let blocks: Bool
    private let onStateQueue = Mutex<[Bool]>([])

    init(blocks: Bool) {
        self.blocks = blocks
    }

    var writeBlocks: Bool { blocks }
    var writesOnStateQueue: [Bool] { onStateQueue.withLock { $0 } }

    func lock(_ scenario: String) throws(StateError) -> any StateLease { throw .locked(scenario: scenario, holder: "test") }
    func read(_ scenario: String) throws(StateError) -> ScenarioState { ScenarioState() }
    func setAside(_ scenario: String) throws(StateError) -> String? { nil }
    func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        let current = StateIO.isCurrent
        onStateQueue.withLock { $0.append(current) }
    }
}

@Suite struct StateStoreOffPoolTests {
    /// A write that waits on the disk runs on the state I/O queue, never on a cooperative-pool thread.
    @Test func aBlockingWriteRunsOnTheStateQueue() async throws {
        let store = QueueRecordingStore(blocks: true)
        try await store.persist(ScenarioState(), for: "nps")
        #expect(store.writesOnStateQueue == [true])
    }

    @Test func anInMemoryWriteStaysWhereItIs() async throws {
        let store = QueueRecordingStore(blocks: false)
        try await store.persist(ScenarioState(), for: "nps")
        #expect(store.writesOnStateQueue == [false])
        #expect(FileStateStore(directory: URL(fileURLWithPath: "/tmp"), now: { Date() }).writeBlocks)
        #expect(!MemoryStateStore().writeBlocks)
    }
}

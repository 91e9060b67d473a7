import Foundation
@testable import Refinery
import RefineryPostgres
import RefineryTesting
import Synchronization
import Testing

/// A store that notes, for each call, whether it runs on the state I/O queue.
final class QueueRecordingStore: StateStore {
    let blocks: Bool
    let readsBlock: Bool
    /// Every write fails, as a database that went away does.
    let failsWrites: Bool
    private let calls = Mutex<[String]>([])

    init(blocks: Bool, readsBlock: Bool = false, failsWrites: Bool = false) {
        self.blocks = blocks
        self.readsBlock = readsBlock
        self.failsWrites = failsWrites
    }

    var writeBlocks: Bool { blocks }
    var readBlocks: Bool { readsBlock }
    var writesOnStateQueue: [Bool] { calls.withLock { $0 }.filter { $0.hasPrefix("write") }.map { $0.hasSuffix("queue") } }
    /// Each call and where it ran: "read on queue", "lock on pool", ...
    var places: [String] { calls.withLock { $0 } }

    fileprivate func note(_ call: String) {
        let place = StateIO.isCurrent ? "queue" : "pool"
        calls.withLock { $0.append("\(call) on \(place)") }
    }

    func lock(_ scenario: String) throws(StateError) -> any StateLease {
        note("lock")
        return Lease(store: self)
    }

    private struct Lease: StateLease {
        let store: QueueRecordingStore
        func release() { store.note("release") }
    }

    func read(_ scenario: String) throws(StateError) -> ScenarioState {
        note("read")
        return ScenarioState()
    }

    func setAside(_ scenario: String) throws(StateError) -> String? {
        note("setAside")
        return nil
    }

    func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        note("write")
        if failsWrites { throw .io(path: scenario, reason: "gone") }
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

    /// A store whose reads are round trips to a server (PostgreSQL) is locked, set aside and read off
    /// the pool, so a served execution never holds a cooperative thread while it waits on the database.
    @Test func aRunOnAStoreWhoseReadsBlockOpensOnTheStateQueue() async throws {
        let store = QueueRecordingStore(blocks: true, readsBlock: true)
        var options = RunOptions()
        options.resetState = true
        _ = try await Self.runner(store).run(options)
        // The cycle's commit, then the run's history.
        #expect(store.places == ["lock on queue", "setAside on queue", "read on queue", "write on queue", "write on queue", "release on queue"])
        _ = try await Self.runner(store).incompleteExecutions()
        #expect(store.places.last == "read on queue")
        let postgres = PostgresStore(try PostgresConfiguration(url: "postgres://refinery@127.0.0.1:1/refinery", environment: [:]))
        #expect(postgres.stateStore.readBlocks)
    }

    @Test func aRunOnAFileLikeStoreReadsWhereItIs() async throws {
        let store = QueueRecordingStore(blocks: true)
        _ = try await Self.runner(store).run()
        #expect(store.places == ["lock on pool", "read on pool", "write on queue", "write on queue", "release on pool"])
        #expect(!MemoryStateStore().readBlocks)
        #expect(!FileStateStore(directory: URL(fileURLWithPath: "/tmp"), now: { Date() }).readBlocks)
    }

    /// A run that fails still gives its lock back, off the pool too.
    @Test func aFailedRunReleasesItsLock() async throws {
        let store = QueueRecordingStore(blocks: true, readsBlock: true, failsWrites: true)
        await #expect(throws: StateError.self) { try await Self.runner(store).run() }
        #expect(store.places.last == "release on queue")
    }

    private static func runner(_ store: any StateStore) throws -> ScenarioRunner {
        let harness = RunHarness()
        let plan = try harness.plan(flow: #"[{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1]}}]"#)
        return ScenarioRunner(plan: plan, environment: .testing(store: store), scenarioKey: "off-pool")
    }
}

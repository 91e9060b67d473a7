import Dispatch
import Synchronization

/// A scenario's state while several `serve` workers run it from one PostgreSQL store. Each worker holds
/// the shared form of the scenario's lock (so `refinery run` waits for them all to stop), and every
/// execution merges what it changed into the row in one transaction (`SharedScenarioState.merge`), so
/// executions on different workers never overwrite each other's changes.
final class PostgresServedState: ServedState {
    let key: String
    private let store: PostgresStateStore
    private let lease: any StateLease

    init(store: PostgresStateStore, key: String) throws(StateError) {
        self.key = key
        self.store = store
        self.lease = try store.lockShared(key)
    }

    func executionStore() -> any ServedExecutionStore {
        PostgresExecutionStore(store: store, replaces: false)
    }

    func directStore() -> any ServedExecutionStore {
        PostgresExecutionStore(store: store, replaces: true)
    }

    func update(_ change: @escaping @Sendable (inout ScenarioState) -> Void) async throws {
        let store = store, key = key
        try await BlockingWork.run { () throws -> Void in _ = try store.update(key, change) }
    }

    func release() {
        lease.release()
    }
}

/// The store one served execution sees: reads the row, and each write merges the changes since its
/// previous write (or the read) in a transaction. Every write commits before it returns.
final class PostgresExecutionStore: ServedExecutionStore {
    private let store: PostgresStateStore
    private let replaces: Bool
    private let seen = Mutex<ScenarioState?>(nil)

    init(store: PostgresStateStore, replaces: Bool) {
        self.store = store
        self.replaces = replaces
    }

    /// The worker already holds the scenario's shared lock.
    func lock(_ scenario: String) throws(StateError) -> any StateLease {
        NoLease()
    }

    var readBlocks: Bool { true }

    func read(_ scenario: String) throws(StateError) -> ScenarioState {
        let state = try store.read(scenario)
        seen.withLock { $0 = state }
        return state
    }

    func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        try store.update(scenario, change(to: state))
        seen.withLock { $0 = state }
    }

    /// The data store batches and the merge of the state in one transaction, when every batch goes to
    /// this database.
    func commit(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) throws {
        guard let writes = PostgresDataStore.all(batches, in: store.store) else { return try commitInTurn(state, for: scenario, applying: batches) }
        let change = change(to: state)
        try store.transaction(scenario) { connection in
            for (dataStore, batch) in writes { _ = try dataStore.apply(batch, on: connection) }
            try store.update(scenario, change, on: connection)
        }
        seen.withLock { $0 = state }
    }

    /// What a write of `state` does to the row: replaces it, or merges what changed since the last read or write.
    private func change(to state: ScenarioState) -> (inout ScenarioState) -> Void {
        let before = seen.withLock { $0 } ?? ScenarioState()
        let replaces = replaces
        return { current in
            if replaces { current = state } else { SharedScenarioState.merge(from: before, to: state, into: &current) }
        }
    }

    func setAside(_ scenario: String) throws(StateError) -> String? {
        throw StateError.io(path: scenario, reason: "a served scenario's state cannot be set aside while it is served")
    }

    func waitUntilDurable() async throws {}
}

private struct NoLease: StateLease {
    func release() {}
}

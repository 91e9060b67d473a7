import Foundation
import Synchronization

/// One scenario's state while `refinery serve` owns it: the store's lock is held for the whole time the
/// process serves (so `refinery run` or a second `serve` cannot interleave), and executions that run at the
/// same time each get a store of their own whose write is merged into the shared state (see `merge`).
final class SharedScenarioState: Sendable {
    let key: String
    private let base: any StateStore
    private let lease: any StateLease
    private let current: Mutex<ScenarioState>

    /// Takes the scenario's lock; throws `StateError.locked` when another process holds it.
    init(store: any StateStore, key: String) throws(StateError) {
        self.key = key
        self.base = store
        self.lease = try store.lock(key)
        do {
            current = Mutex(try store.read(key))
        } catch {
            lease.release()
            throw error
        }
    }

    func release() {
        lease.release()
    }

    var snapshot: ScenarioState { current.withLock { $0 } }

    /// A store for one execution: reads the shared state, merges its write into it.
    func executionStore() -> any StateStore {
        ExecutionStateStore(shared: self)
    }

    /// A store that writes through (one run at a time: the polling scheduler).
    func directStore() -> any StateStore {
        ExecutionStateStore(shared: self, replaces: true)
    }

    /// Applies `change` to the shared state and writes the result, under the lock.
    func update(_ change: (inout ScenarioState) -> Void) throws(StateError) {
        try current.withLock { state throws(StateError) in
            var next = state
            change(&next)
            next.revision = state.revision + 1
            try base.write(next, for: key)
            state = next
        }
    }

    /// What one execution changed between `before` (what it read) and `after` (what it wrote), applied
    /// to `state`: new incomplete executions added (and ones it removed dropped), its history entry,
    /// the error count and the active flag, and trigger positions it moved.
    static func merge(from before: ScenarioState, to after: ScenarioState, into state: inout ScenarioState) {
        let known = Set(before.incomplete.map(\.id)), kept = Set(after.incomplete.map(\.id))
        state.incomplete.removeAll { known.contains($0.id) && !kept.contains($0.id) }
        state.incomplete.append(contentsOf: after.incomplete.filter { !known.contains($0.id) })
        if let entry = after.history.last, after.history != before.history {
            state.history = Array((state.history + [entry]).suffix(ScenarioState.historyLimit))
        }
        state.consecutiveErrors = after.consecutiveErrors > before.consecutiveErrors ? state.consecutiveErrors + 1 : 0
        if after.active != before.active { state.active = after.active }
        for (id, position) in after.positions where before.positions[id] != position { state.positions[id] = position }
    }
}

/// The store one execution sees (see `SharedScenarioState`).
private final class ExecutionStateStore: StateStore {
    private let shared: SharedScenarioState
    private let replaces: Bool
    private let readState = Mutex<ScenarioState?>(nil)

    init(shared: SharedScenarioState, replaces: Bool = false) {
        self.shared = shared
        self.replaces = replaces
    }

    /// The process already holds the scenario's lock.
    func lock(_ scenario: String) throws(StateError) -> any StateLease {
        HeldLease()
    }

    func read(_ scenario: String) throws(StateError) -> ScenarioState {
        let state = shared.snapshot
        readState.withLock { $0 = state }
        return state
    }

    func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        let before = readState.withLock { $0 } ?? ScenarioState()
        try shared.update { current in
            if replaces { current = state } else { SharedScenarioState.merge(from: before, to: state, into: &current) }
        }
    }
}

private struct HeldLease: StateLease {
    func release() {}
}

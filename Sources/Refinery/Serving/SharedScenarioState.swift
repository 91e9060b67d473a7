import Foundation
import Synchronization

/// One scenario's state while `refinery serve` owns it: the store's lock is held for the whole time the
/// process serves (so `refinery run` or a second `serve` cannot interleave), and executions that run at the
/// same time each get a store of their own whose write is merged into the shared state (see `merge`).
///
/// Writes are group-committed: `apply` changes the state in memory at once, and one writer on a dedicated
/// queue (never the cooperative pool) writes the newest state atomically (temporary file, fsync, rename);
/// `waitUntilDurable(version)` returns once a write that includes that change is on disk.
final class SharedScenarioState: ServedState {
    let key: String
    private let base: any StateStore
    private let lease: any StateLease
    private let shared: Mutex<Shared>
    private let io = DispatchQueue(label: "refinery.state-writer")

    private struct Shared {
        var state: ScenarioState
        var version = 0
        var written = 0
        var writing = false
        var waiters: [(version: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    /// Takes the scenario's lock; throws `StateError.locked` when another process holds it.
    init(store: any StateStore, key: String) throws(StateError) {
        self.key = key
        self.base = store
        self.lease = try store.lock(key)
        do {
            shared = Mutex(Shared(state: try store.read(key)))
        } catch {
            lease.release()
            throw error
        }
    }

    func release() {
        lease.release()
    }

    var snapshot: ScenarioState { shared.withLock { $0.state } }

    /// A store for one execution: reads the shared state, merges its write into it.
    func executionStore() -> any ServedExecutionStore {
        ExecutionStateStore(shared: self)
    }

    /// A store that replaces the state (one run at a time: the polling scheduler).
    func directStore() -> any ServedExecutionStore {
        ExecutionStateStore(shared: self, replaces: true)
    }

    /// Applies `change` in memory and schedules a write; returns the version to wait for.
    func apply(_ change: (inout ScenarioState) -> Void) -> Int {
        let (version, startWriter) = shared.withLock { shared in
            let revision = shared.state.revision
            change(&shared.state)
            shared.state.revision = revision + 1
            shared.version += 1
            defer { shared.writing = true }
            return (shared.version, !shared.writing)
        }
        if startWriter { io.async { self.writeUntilCurrent() } }
        return version
    }

    /// Applies `change` and returns once it is on disk.
    func update(_ change: @escaping @Sendable (inout ScenarioState) -> Void) async throws {
        try await waitUntilDurable(apply(change))
    }

    func waitUntilDurable(_ version: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let done = shared.withLock { shared in
                if shared.written >= version { return true }
                shared.waiters.append((version, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Writes the newest state until no change is left unwritten (on `io`).
    private func writeUntilCurrent() {
        while true {
            let (state, version) = shared.withLock { ($0.state, $0.version) }
            let result = Result { () throws(StateError) in try base.write(state, for: key) }
            let (ready, more) = shared.withLock { shared in
                shared.written = version
                let ready = shared.waiters.filter { $0.version <= version }
                shared.waiters.removeAll { $0.version <= version }
                shared.writing = shared.version > version
                return (ready, shared.writing)
            }
            for waiter in ready { waiter.continuation.resume(with: result.mapError { $0 as any Error }) }
            if !more { return }
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
        // Counters that never reset (`util:FunctionIncrement`, scenario scope): concurrent increments add up.
        for (id, value) in after.counters where before.counters[id] != value {
            state.counters[id] = (state.counters[id] ?? 0) + value - (before.counters[id] ?? 0)
        }
    }
}

/// The store one execution sees (see `SharedScenarioState`). After the run, `waitUntilDurable()` returns
/// once what it wrote is on disk.
final class ExecutionStateStore: ServedExecutionStore {
    private let shared: SharedScenarioState
    private let replaces: Bool
    private let progress = Mutex<(read: ScenarioState?, version: Int)>((nil, 0))

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
        progress.withLock { $0.read = state }
        return state
    }

    /// A served execution never starts over: `refinery run --reset-state` does, while nothing serves it.
    func setAside(_ scenario: String) throws(StateError) -> String? {
        throw StateError.io(path: scenario, reason: "a served scenario's state cannot be set aside while it is served")
    }

    /// Writing applies the change in memory; `SharedScenarioState` writes the file on its own queue.
    var writeBlocks: Bool { false }

    /// Each write applies what changed since the previous one (or since the read): an execution writes
    /// at every commit and at its end, and a change must be applied once, however often it is written.
    func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        let before = progress.withLock { $0.read } ?? ScenarioState()
        let replaces = replaces
        let version = shared.apply { current in
            if replaces { current = state } else { SharedScenarioState.merge(from: before, to: state, into: &current) }
        }
        progress.withLock { progress in
            progress.version = version
            progress.read = state
        }
    }

    func waitUntilDurable() async throws {
        try await shared.waitUntilDurable(progress.withLock { $0.version })
    }
}

private struct HeldLease: StateLease {
    func release() {}
}

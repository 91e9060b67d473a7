/// Where scenario state lives between runs. Three implementations: `FileStateStore` (the default, a
/// directory), `MemoryStateStore` (tests) and `PostgresStateStore` (many workers, `--store`).
public protocol StateStore: Sendable {
    /// Takes the scenario's lock, so two runs of one scenario cannot interleave; throws
    /// `StateError.locked` when another live process holds it.
    func lock(_ scenario: String) throws(StateError) -> any StateLease
    /// The stored state, or a fresh one when none was ever written. A state that exists but cannot be
    /// read, or is damaged in syntax or shape, throws: it is never taken for a fresh start.
    func read(_ scenario: String) throws(StateError) -> ScenarioState
    /// Replaces the stored state atomically: a reader sees the old state or the new one, never a mix.
    func write(_ state: ScenarioState, for scenario: String) throws(StateError)
    /// Moves the stored state out of the way, whole and unread, so the next read is a fresh start
    /// (`run --reset-state`): the only way to start over from a state that cannot be read. Nothing is
    /// deleted. Returns where the old state went, nil when there was none. Call it holding the lock.
    func setAside(_ scenario: String) throws(StateError) -> String?
    /// One commit of an execution: its data store batches, then its state. The default applies each batch
    /// and then writes, each durable on its own (a kill between them loses nothing: a batch carries the
    /// execution's identity and is not applied twice); a store that also holds the data stores
    /// (PostgreSQL) does it all in one transaction. Throws `DataStoreError` or `StateError`.
    func commit(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) throws
    /// Whether `write` waits on the disk; the engine then calls it off the cooperative pool (`persist`).
    /// Defaults to true.
    var writeBlocks: Bool { get }
    /// Whether `lock` and `read` wait on a server (a database round trip); the engine then calls them off
    /// the cooperative pool (`open`). Defaults to false: a file read takes microseconds.
    var readBlocks: Bool { get }
}

/// One data store batch an execution commits, with the store it goes to.
public typealias DataStoreWrite = (store: any DataStore, batch: DataStoreBatch)

extension StateStore {
    public func commit(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) throws {
        try commitInTurn(state, for: scenario, applying: batches)
    }

    /// The default commit: each batch, then the state, each durable on its own.
    func commitInTurn(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) throws {
        for write in batches { try write.store.apply(write.batch) }
        try self.write(state, for: scenario)
    }
}

/// A held lock; `release()` gives it up (also safe to call twice).
public protocol StateLease: Sendable {
    func release()
}

public enum StateError: Error, Sendable, Hashable {
    /// Another run holds the lock: its description (pid, host, since).
    case locked(scenario: String, holder: String)
    /// Writing failed: the path and the reason.
    case io(path: String, reason: String)
    /// The state file exists but cannot be read (permissions, a directory in its place): the path and the reason.
    case unreadable(path: String, reason: String)
    /// The state file is not valid: the path and the reason.
    case corrupt(path: String, reason: String)
}

extension StateError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .locked(let scenario, let holder): "scenario '\(scenario)' is already running (\(holder))"
        case .io(let path, let reason): "cannot write state '\(path)': \(reason)"
        case .unreadable(let path, let reason):
            "cannot read state '\(path)': \(reason); nothing was run (make it a file this user can read, or start over with 'refinery run --reset-state')"
        case .corrupt(let path, let reason):
            "state file '\(path)' is damaged: \(reason); nothing was run (repair it, or start over with 'refinery run --reset-state')"
        }
    }
}

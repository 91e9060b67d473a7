import Foundation
import RefineryJSON
import RefineryPostgres

/// Scenario state in PostgreSQL: one row per scenario in `refinery_state`, written in one statement (a
/// reader sees the old state or the new one). The lock is a session advisory lock on a connection of
/// its own, so a process that dies releases it with its connection; `lockShared` is the shared form that
/// many `serve` workers hold together and that keeps `refinery run` out while they serve.
public final class PostgresStateStore: StateStore {
    let store: PostgresStore

    init(_ store: PostgresStore) {
        self.store = store
    }

    public func lock(_ scenario: String) throws(StateError) -> any StateLease {
        try PostgresLock.acquire(AdvisoryKey.state(scenario), scenario: scenario, shared: false, store: store)
    }

    /// The lock `serve` workers hold while they serve `scenario`: shared with other workers, exclusive of
    /// `refinery run` and `incomplete retry`.
    func lockShared(_ scenario: String) throws(StateError) -> any StateLease {
        try PostgresLock.acquire(AdvisoryKey.state(scenario), scenario: scenario, shared: true, store: store)
    }

    /// Every read and lock is a round trip to the server.
    public var readBlocks: Bool { true }

    public func read(_ scenario: String) throws(StateError) -> ScenarioState {
        let place = store.location("refinery_state", scenario)
        let text: String?
        do {
            text = try store.pool.withConnection { connection in
                try connection.query("SELECT state FROM refinery_state WHERE scenario = $1", [.text(scenario)]).rows.first?["state"]
            }
        } catch {
            throw StateError.unreadable(path: place, reason: "\(error)")
        }
        guard let text else { return ScenarioState() }
        return try Self.decode(text, at: place)
    }

    public func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        do {
            _ = try store.pool.withConnection { connection in
                try Self.upsert(state, for: scenario, on: connection)
            }
        } catch {
            throw StateError.io(path: store.location("refinery_state", scenario), reason: "\(error)")
        }
    }

    /// Reads, changes and writes the state in one transaction, the row locked meanwhile: what concurrent
    /// executions on several workers use to merge what each of them changed. Returns the new state.
    @discardableResult
    func update(_ scenario: String, _ change: (inout ScenarioState) -> Void) throws(StateError) -> ScenarioState {
        do {
            return try transaction(scenario) { connection in try self.update(scenario, change, on: connection) }
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError.io(path: store.location("refinery_state", scenario), reason: "\(error)")
        }
    }

    /// The data store batches and the state in one transaction, when every batch goes to this database.
    public func commit(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) throws {
        guard let writes = PostgresDataStore.all(batches, in: store) else { return try commitInTurn(state, for: scenario, applying: batches) }
        try transaction(scenario) { connection in
            for (dataStore, batch) in writes { _ = try dataStore.apply(batch, on: connection) }
            try Self.upsert(state, for: scenario, on: connection)
        }
    }

    /// `update` inside the caller's transaction.
    @discardableResult
    func update(_ scenario: String, _ change: (inout ScenarioState) -> Void, on connection: PostgresConnection) throws -> ScenarioState {
        let place = store.location("refinery_state", scenario)
        let row = try connection.query("SELECT state FROM refinery_state WHERE scenario = $1 FOR UPDATE", [.text(scenario)]).rows.first
        var state = try row?["state"].map { text throws(StateError) in try Self.decode(text, at: place) } ?? ScenarioState()
        let revision = state.revision
        change(&state)
        state.revision = revision + 1
        try Self.upsert(state, for: scenario, on: connection)
        return state
    }

    /// `body` in one transaction; a `StateError` or `DataStoreError` from it is thrown as it is, anything
    /// else (the database) as `StateError.io` naming the scenario's row.
    func transaction<T>(_ scenario: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try store.pool.withTransaction(body)
        } catch let error as StateError {
            throw error
        } catch let error as DataStoreError {
            throw error
        } catch {
            throw StateError.io(path: store.location("refinery_state", scenario), reason: "\(error)")
        }
    }

    /// Moves the row to `refinery_state_aside`, whole and unread, in one transaction.
    public func setAside(_ scenario: String) throws(StateError) -> String? {
        do {
            let moved = try store.pool.withTransaction { connection in
                try connection.query(
                    "INSERT INTO refinery_state_aside (scenario, state) SELECT scenario, state FROM refinery_state WHERE scenario = $1",
                    [.text(scenario)]
                )
                return try connection.query("DELETE FROM refinery_state WHERE scenario = $1", [.text(scenario)]).affectedRows
            }
            return moved > 0 ? store.location("refinery_state_aside", scenario) : nil
        } catch {
            throw StateError.io(path: store.location("refinery_state", scenario), reason: "\(error)")
        }
    }

    /// The scenarios that have a state row, sorted.
    public func scenarios() throws -> [String] {
        try store.pool.withConnection { connection in
            try connection.query("SELECT scenario FROM refinery_state ORDER BY scenario").rows.compactMap { $0["scenario"] }
        }
    }

    private static func upsert(_ state: ScenarioState, for scenario: String, on connection: PostgresConnection) throws {
        let text = String(decoding: state.json.serializedBytes(.compact), as: UTF8.self)
        try connection.query(
            """
            INSERT INTO refinery_state (scenario, state) VALUES ($1, $2)
            ON CONFLICT (scenario) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
            """,
            [.text(scenario), .text(text)]
        )
    }

    private static func decode(_ text: String, at place: String) throws(StateError) -> ScenarioState {
        do {
            return try ScenarioState(json: JSONValue(parsing: Array(text.utf8)))
        } catch let error as StateFormatError {
            throw StateError.corrupt(path: place, reason: error.reason)
        } catch {
            throw StateError.corrupt(path: place, reason: String(describing: error))
        }
    }
}

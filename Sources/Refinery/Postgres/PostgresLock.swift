import Foundation
import RefineryPostgres
import Synchronization

/// A scenario lock held as a PostgreSQL session advisory lock on a connection of its own. The server
/// drops it when that connection ends, so a killed holder never leaves a stale lock behind. The holder
/// (`pid@host`) is recorded in `refinery_lock_holders` for the "already running" message.
final class PostgresLock: StateLease {
    private let connection: Mutex<PostgresConnection?>
    private let key: Int
    private let shared: Bool

    private init(connection: PostgresConnection, key: Int, shared: Bool) {
        self.connection = Mutex(connection)
        self.key = key
        self.shared = shared
    }

    static func acquire(_ key: Int, scenario: String, shared: Bool, store: PostgresStore) throws(StateError) -> PostgresLock {
        let place = store.location("refinery_state", scenario)
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(store.configuration)
        } catch {
            throw StateError.io(path: place, reason: "\(error)")
        }
        do {
            let function = shared ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock"
            let taken = try connection.query("SELECT \(function)($1) AS taken", [.int(key)]).rows.first?.bool("taken") ?? false
            guard taken else {
                let holder = try connection.query(
                    "SELECT holder, since FROM refinery_lock_holders WHERE scenario = $1", [.text(scenario)]
                ).rows.first
                connection.close()
                let who = holder.map { "held by \($0["holder"] ?? "?") since \($0["since"] ?? "?")" } ?? "held by another process"
                throw StateError.locked(scenario: scenario, holder: who + (shared ? "" : "; served or run elsewhere"))
            }
            try connection.query(
                """
                INSERT INTO refinery_lock_holders (scenario, holder) VALUES ($1, $2)
                ON CONFLICT (scenario) DO UPDATE SET holder = EXCLUDED.holder, since = now()
                """,
                [.text(scenario), .text(store.worker + (shared ? " (serve)" : ""))]
            )
            return PostgresLock(connection: connection, key: key, shared: shared)
        } catch let error as StateError {
            throw error
        } catch {
            connection.close()
            throw StateError.io(path: place, reason: "\(error)")
        }
    }

    /// Unlocks and closes the connection (closing alone would release it too).
    func release() {
        let held = connection.withLock { connection in
            defer { connection = nil }
            return connection
        }
        guard let held else { return }
        _ = try? held.query(shared ? "SELECT pg_advisory_unlock_shared($1)" : "SELECT pg_advisory_unlock($1)", [.int(key)])
        held.close()
    }
}

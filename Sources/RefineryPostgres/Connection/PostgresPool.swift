import Dispatch
import Synchronization

/// At most `maxConnections` connections to one server, made on demand and reused. Before a connection is
/// handed out again it is checked (a server restart leaves it at end of input): a broken one is discarded
/// and a new one made in its place, so the pool reconnects by itself. A caller waits when every
/// connection is in use.
public final class PostgresPool: Sendable {
    private let configuration: PostgresConfiguration
    private let slots: DispatchSemaphore
    private let idle = Mutex<(connections: [PostgresConnection], closed: Bool)>(([], false))

    public init(_ configuration: PostgresConfiguration, maxConnections: Int = 8) {
        precondition(maxConnections >= 1, "a pool needs at least one connection")
        self.configuration = configuration
        self.slots = DispatchSemaphore(value: maxConnections)
    }

    /// Runs `body` with a connection of the pool, waiting for one when all are in use. A connection that
    /// `body` leaves inside a transaction is rolled back before it is reused.
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; `ROLLBACK` when it throws (and the error is rethrown).
    /// When a statement failed inside `body` and `body` went on, the transaction is rolled back and
    /// `COMMIT` reports SQLSTATE 25P02 instead of silently losing the work.
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try connection.execute("BEGIN")
            let value: T
            do {
                value = try body(connection)
            } catch {
                if !connection.isBroken { try? connection.execute("ROLLBACK") }
                throw error
            }
            if connection.transactionStatus == .failedTransaction {
                try connection.execute("ROLLBACK")
                throw PostgresError.server(
                    sqlState: "25P02", message: "the transaction was aborted by an earlier error and has been rolled back",
                    detail: nil, constraint: nil
                )
            }
            try connection.execute("COMMIT")
            return value
        }
    }

    /// Closes every idle connection; connections in use close when they come back. Later calls fail.
    public func close() {
        let connections = idle.withLock { state in
            state.closed = true
            defer { state.connections = [] }
            return state.connections
        }
        for connection in connections { connection.close() }
    }

    private func checkOut() throws(PostgresError) -> PostgresConnection {
        while let connection = try takeIdle() {
            if connection.checkIdle() { return connection }
            connection.close()
        }
        return try PostgresConnection.connect(configuration)
    }

    private func takeIdle() throws(PostgresError) -> PostgresConnection? {
        try idle.withLock { state throws(PostgresError) in
            guard !state.closed else { throw .connection("the pool is closed") }
            return state.connections.popLast()
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        if !connection.isBroken && connection.transactionStatus != .idle {
            try? connection.execute("ROLLBACK")
        }
        guard !connection.isBroken else { return }
        let kept = idle.withLock { state in
            guard !state.closed else { return false }
            state.connections.append(connection)
            return true
        }
        if !kept { connection.close() }
    }
}

import Synchronization

/// One blocking connection to a PostgreSQL server (protocol v3, no TLS). Every operation waits on the
/// calling thread: run it off the cooperative pool. One operation runs at a time (a `Mutex` holds the
/// state); after a timeout or a broken socket the connection is closed and `isBroken` is true.
public final class PostgresConnection: Sendable {
    public static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> PostgresConnection {
        throw .connection("not implemented yet")
    }

    /// Runs one statement with the extended protocol; `$1`, `$2`, … are `parameters`.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresResult {
        throw .connection("not implemented yet")
    }

    /// Runs one or more `;`-separated statements with the simple protocol (DDL, scripts).
    public func execute(_ sql: String) throws(PostgresError) {
        throw .connection("not implemented yet")
    }

    /// The next `NOTIFY` for a channel this connection `LISTEN`s on, waiting at most `timeout` seconds;
    /// nil when none came.
    public func waitForNotification(timeout: Double) throws(PostgresError) -> PostgresNotification? {
        nil
    }

    public var isBroken: Bool { true }

    public func close() {}
}

/// At most `maxConnections` connections to one server, made on demand and reused; a broken connection
/// is discarded and a new one made in its place.
public final class PostgresPool: Sendable {
    public init(_ configuration: PostgresConfiguration, maxConnections: Int = 8) {}

    /// Runs `body` with a connection of the pool, waiting for one when all are in use.
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        throw PostgresError.connection("not implemented yet")
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; `ROLLBACK` when it throws (and the error is rethrown).
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        throw PostgresError.connection("not implemented yet")
    }

    /// Closes every idle connection; connections in use close when they come back.
    public func close() {}
}

import Foundation
public import RefineryPostgres

/// Everything Refinery keeps, in one PostgreSQL database shared by any number of processes on any
/// number of machines (`--store postgres://...` or `REFINERY_STORE`): scenario state, the webhook
/// queues, schedules and data stores. Hands out the store objects the engine and `serve` use; they
/// share one connection pool. See docs/scaling.md.
public final class PostgresStore: Sendable {
    public let configuration: PostgresConfiguration
    let pool: PostgresPool
    /// Who this process is, in lock holders and delivery claims: `pid@host`.
    public let worker: String

    /// Connects lazily; `migrate()` (or the first use through a command) creates the tables.
    public init(_ configuration: PostgresConfiguration, maxConnections: Int = 16, worker: String? = nil) {
        self.configuration = configuration
        self.pool = PostgresPool(configuration, maxConnections: maxConnections)
        self.worker = worker ?? "\(ProcessInfo.processInfo.processIdentifier)@\(ProcessInfo.processInfo.hostName)"
    }

    /// `postgres://` or `postgresql://` URLs name a PostgreSQL store; anything else is not one.
    public static func isStoreURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Creates or upgrades the schema; returns the versions applied.
    @discardableResult
    public func migrate() throws -> [Int] {
        try PostgresSchema.migrate(pool)
    }

    /// The newest schema version this build knows.
    public static var latestSchemaVersion: Int { PostgresSchema.latest }

    /// The schema version the database is at (0 before the first migration).
    public func schemaVersion() throws -> Int {
        try pool.withConnection { connection in
            let exists = try connection.query("SELECT to_regclass('refinery_schema') IS NOT NULL AS present").rows.first?.bool("present") ?? false
            guard exists else { return 0 }
            return try connection.query("SELECT coalesce(max(version), 0) AS version FROM refinery_schema").rows.first?.int("version") ?? 0
        }
    }

    public var stateStore: PostgresStateStore { PostgresStateStore(self) }

    public var dataStores: PostgresDataStoreBackend { PostgresDataStoreBackend(self) }

    public func close() {
        pool.close()
    }

    /// Where a stored thing lives, as errors and `setAside` name it (never with the password).
    func location(_ table: String, _ key: String) -> String {
        "postgres://\(configuration.host):\(configuration.port)/\(configuration.database) \(table) '\(key)'"
    }
}

/// Why the PostgreSQL store cannot be used.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The database was migrated by a newer refinery.
    case schemaTooNew(found: Int, known: Int)

    public var description: String {
        switch self {
        case .schemaTooNew(let found, let known):
            "the database's refinery schema is at version \(found), newer than this build knows (\(known)): upgrade refinery"
        }
    }
}

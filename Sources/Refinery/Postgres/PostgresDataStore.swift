import Foundation
public import RefineryJSON
import RefineryPostgres

/// A data store in PostgreSQL, shared by every worker: one row per record in
/// `refinery_datastore_records`. A batch is one transaction, serialised per store by an advisory
/// transaction lock (so the size limits are checked against what other workers committed), with its id
/// recorded in `refinery_datastore_batches`: a batch whose id is there was applied and is not applied
/// again. The newest 4,096 ids per store are kept, as the file store keeps them.
public final class PostgresDataStore: DataStore {
    public let declaration: DataStoreDeclaration
    /// The database it lives in: batches for it can join a transaction of the same store.
    let store: PostgresStore

    init(_ declaration: DataStoreDeclaration, store: PostgresStore) {
        self.declaration = declaration
        self.store = store
    }

    private var name: String { declaration.name }

    public func record(_ key: String) throws(DataStoreError) -> JSONObject? {
        let text = try run { connection in
            try connection.query(
                "SELECT data FROM refinery_datastore_records WHERE store = $1 AND key = $2", [.text(self.name), .text(key)]
            ).rows.first?["data"]
        }
        return try text.map { text throws(DataStoreError) in try decode(text, key: key) }
    }

    public func contents() throws(DataStoreError) -> DataStoreContents {
        let rows = try run { connection in
            try connection.query("SELECT key, data FROM refinery_datastore_records WHERE store = $1 ORDER BY key", [.text(self.name)]).rows
        }
        var changes: [DataStoreChange] = []
        for row in rows {
            guard let key = row["key"], let text = row["data"] else { continue }
            changes.append(.put(key: key, data: try decode(text, key: key)))
        }
        var contents = DataStoreContents()
        contents.apply(DataStoreBatch(changes: changes))
        return contents
    }

    @discardableResult
    public func apply(_ batch: DataStoreBatch) throws(DataStoreError) -> Bool {
        let result = Result { () throws -> Bool in
            try store.pool.withTransaction { connection in try self.apply(batch, on: connection) }
        }
        switch result {
        case .success(let applied): return applied
        case .failure(let error as DataStoreError): throw error
        case .failure(let error): throw DataStoreError.io(path: place, reason: "\(error)")
        }
    }

    /// The batches, when every one goes to a store in `database`: nil when some go elsewhere.
    static func all(_ batches: [DataStoreWrite], in database: PostgresStore) -> [(PostgresDataStore, DataStoreBatch)]? {
        let stores = batches.compactMap { $0.store as? PostgresDataStore }
        guard stores.count == batches.count, stores.allSatisfy({ $0.store === database }) else { return nil }
        return Array(zip(stores, batches.map(\.batch)))
    }

    /// The batch inside the caller's transaction.
    func apply(_ batch: DataStoreBatch, on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT pg_advisory_xact_lock($1)", [.int(AdvisoryKey.dataStore(name))])
        if let id = batch.id {
            let inserted = try connection.query(
                "INSERT INTO refinery_datastore_batches (store, id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [.text(name), .text(id)]
            ).affectedRows
            guard inserted == 1 else { return false }
        }
        let before = try totals(connection)
        for change in batch.changes { try write(change, on: connection) }
        try checkLimits(before: before, after: totals(connection))
        if batch.id != nil { try pruneBatchIds(connection) }
        return true
    }

    private func write(_ change: DataStoreChange, on connection: PostgresConnection) throws {
        switch change {
        case .put(let key, let data):
            let text = String(decoding: JSONValue.object(data).serializedBytes(.compact), as: UTF8.self)
            try connection.query(
                """
                INSERT INTO refinery_datastore_records (store, key, data, size) VALUES ($1, $2, $3, $4)
                ON CONFLICT (store, key) DO UPDATE SET data = EXCLUDED.data, size = EXCLUDED.size
                """,
                [.text(name), .text(key), .text(text), .int(key.utf8.count + text.utf8.count)]
            )
        case .delete(let key):
            try connection.query("DELETE FROM refinery_datastore_records WHERE store = $1 AND key = $2", [.text(name), .text(key)])
        case .clear:
            try connection.query("DELETE FROM refinery_datastore_records WHERE store = $1", [.text(name)])
        }
    }

    private func totals(_ connection: PostgresConnection) throws -> (count: Int, bytes: Int) {
        let row = try connection.query(
            "SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM refinery_datastore_records WHERE store = $1", [.text(name)]
        ).rows.first
        return (row?.int("count") ?? 0, row?.int("bytes") ?? 0)
    }

    /// As the file store: a batch may not take the store over a limit, unless it was over already and
    /// the batch does not make it larger.
    private func checkLimits(before: (count: Int, bytes: Int), after: (count: Int, bytes: Int)) throws(DataStoreError) {
        if let max = declaration.maxRecords, after.count > max, after.count > before.count {
            throw DataStoreError.full(store: name, reason: DataStoreMessages.overRecords(after.count, max: max))
        }
        if after.bytes > declaration.maxBytes, after.bytes > before.bytes {
            throw DataStoreError.full(store: name, reason: DataStoreMessages.overBytes(after.bytes, max: declaration.maxBytes))
        }
    }

    private func pruneBatchIds(_ connection: PostgresConnection) throws {
        try connection.query(
            """
            DELETE FROM refinery_datastore_batches WHERE store = $1 AND serial <= (
                SELECT serial FROM refinery_datastore_batches WHERE store = $1 ORDER BY serial DESC OFFSET $2 LIMIT 1)
            """,
            [.text(name), .int(DataStoreContents.appliedLimit)]
        )
    }

    private var place: String { store.location("refinery_datastore_records", name) }

    private func run<T>(_ body: @escaping (PostgresConnection) throws -> T) throws(DataStoreError) -> T {
        do {
            return try store.pool.withConnection(body)
        } catch {
            throw DataStoreError.io(path: place, reason: "\(error)")
        }
    }

    private func decode(_ text: String, key: String) throws(DataStoreError) -> JSONObject {
        guard let object = (try? JSONValue(parsing: Array(text.utf8)))?.objectValue else {
            throw DataStoreError.corrupt(path: place, line: 0, reason: "the record '\(key)' is not a JSON object")
        }
        return object
    }
}

/// The data stores of a PostgreSQL store: one object per declaration, stateless (every call goes to the
/// database), so any number of workers share them.
public final class PostgresDataStoreBackend: DataStoreBackend {
    private let store: PostgresStore

    init(_ store: PostgresStore) {
        self.store = store
    }

    public func open(_ declaration: DataStoreDeclaration) throws(DataStoreError) -> any DataStore {
        PostgresDataStore(declaration, store: store)
    }

    /// The names of the stores that hold records or applied batches, sorted.
    public func names() throws -> [String] {
        try store.pool.withConnection { connection in
            try connection.query(
                "SELECT DISTINCT store FROM refinery_datastore_records UNION SELECT DISTINCT store FROM refinery_datastore_batches ORDER BY 1"
            ).rows.compactMap { $0["store"] }
        }
    }
}

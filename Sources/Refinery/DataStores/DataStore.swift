public import RefineryJSON

/// Where one data store's records live. Two implementations: `FileDataStore` (an append-only log in
/// the state folder) and `MemoryDataStore` (a run without state files); a store shared by many workers
/// (PostgreSQL) would implement the same calls. Every call is safe from any thread and, for the file
/// store, from other processes.
public protocol DataStore: Sendable {
    var declaration: DataStoreDeclaration { get }
    /// The record under `key`, nil when there is none.
    func record(_ key: String) throws(DataStoreError) -> JSONObject?
    /// Every record as it is now (a copy that later writes do not change).
    func contents() throws(DataStoreError) -> DataStoreContents
    /// Applies the batch, all or nothing, durably before it returns. Returns false, changing nothing,
    /// when a batch with the same id was applied before. Throws `full` when it would go over a limit.
    @discardableResult
    func apply(_ batch: DataStoreBatch) throws(DataStoreError) -> Bool
}

extension DataStore {
    public func count() throws(DataStoreError) -> Int { try contents().count }
}

/// Opens the stores a run names. One backend per state folder; it hands out one store object per
/// name, so every execution of the process shares it.
public protocol DataStoreBackend: Sendable {
    func open(_ declaration: DataStoreDeclaration) throws(DataStoreError) -> any DataStore
}

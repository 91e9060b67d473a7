public import RefineryJSON
import Synchronization

/// A data store in memory: a run without a state folder (a replay, a sandbox run, tests) starts with
/// every store empty.
public final class MemoryDataStore: DataStore {
    public let declaration: DataStoreDeclaration
    private let state = Mutex(DataStoreContents())

    public init(_ declaration: DataStoreDeclaration) {
        self.declaration = declaration
    }

    public func record(_ key: String) throws(DataStoreError) -> JSONObject? {
        state.withLock { $0.records[key] }
    }

    public func contents() throws(DataStoreError) -> DataStoreContents {
        state.withLock { $0 }
    }

    @discardableResult
    public func apply(_ batch: DataStoreBatch) throws(DataStoreError) -> Bool {
        try state.withLock { contents throws(DataStoreError) in
            guard !contents.hasApplied(batch.id) else { return false }
            try contents.check(batch, against: declaration)
            contents.apply(batch)
            return true
        }
    }
}

/// Fresh in-memory stores, one per name for as long as the backend lives.
public final class MemoryDataStoreBackend: DataStoreBackend {
    private let stores = Mutex<[String: MemoryDataStore]>([:])

    public init() {}

    public func open(_ declaration: DataStoreDeclaration) throws(DataStoreError) -> any DataStore {
        stores.withLock { stores in
            if let store = stores[declaration.name] { return store }
            let store = MemoryDataStore(declaration)
            stores[declaration.name] = store
            return store
        }
    }
}

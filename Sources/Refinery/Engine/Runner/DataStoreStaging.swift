import RefineryJSON

/// One execution's data store writes, staged until it commits: its own reads see them (read your own
/// writes), other executions do not, and a rollback drops them. At commit they become one batch per
/// store (`batches(id:)`).
struct DataStoreStaging {
    enum Staged {
        case record(JSONObject)
        case removed
    }

    struct Pending {
        let store: any DataStore
        var changes: [DataStoreChange] = []
        var view: [String: Staged] = [:]
        var cleared = false
    }

    /// The stores this execution used, by name, in the order it first used them.
    private var pending: [String: Pending] = [:]
    private var order: [String] = []

    mutating func use(_ store: any DataStore) {
        let name = store.declaration.name
        guard pending[name] == nil else { return }
        pending[name] = Pending(store: store)
        order.append(name)
    }

    /// The record as this execution sees it.
    func record(_ key: String, in store: any DataStore) throws(DataStoreError) -> JSONObject? {
        guard let staged = pending[store.declaration.name] else { return try store.record(key) }
        switch staged.view[key] {
        case .record(let data): return data
        case .removed: return nil
        case nil: return staged.cleared ? nil : try store.record(key)
        }
    }

    /// Every record as this execution sees it.
    func records(in store: any DataStore) throws(DataStoreError) -> [String: JSONObject] {
        guard let staged = pending[store.declaration.name] else { return try store.contents().records }
        var records = staged.cleared ? [:] : try store.contents().records
        for (key, change) in staged.view {
            switch change {
            case .record(let data): records[key] = data
            case .removed: records[key] = nil
            }
        }
        return records
    }

    /// The number of records as this execution sees it.
    func count(in store: any DataStore) throws(DataStoreError) -> Int {
        guard let staged = pending[store.declaration.name], staged.cleared || !staged.view.isEmpty else { return try store.count() }
        return try records(in: store).count
    }

    mutating func stage(_ change: DataStoreChange, in store: any DataStore) {
        use(store)
        let name = store.declaration.name
        pending[name]?.changes.append(change)
        switch change {
        case .put(let key, let data): pending[name]?.view[key] = .record(data)
        case .delete(let key): pending[name]?.view[key] = .removed
        case .clear:
            pending[name]?.view = [:]
            pending[name]?.cleared = true
        }
    }

    var isEmpty: Bool { pending.values.allSatisfy(\.changes.isEmpty) }

    /// One batch per store written to, each tagged with the execution's identity.
    func batches(id: String?) -> [(any DataStore, DataStoreBatch)] {
        order.compactMap { name in
            guard let staged = pending[name], !staged.changes.isEmpty else { return nil }
            return (staged.store, DataStoreBatch(id: id, changes: staged.changes))
        }
    }
}

public import RefineryJSON

/// A store's records in memory (key → record), their size, and the ids of the batches applied lately.
/// Both stores keep one: the file store rebuilds it from its log on open.
public struct DataStoreContents: Sendable {
    public private(set) var records: [String: JSONObject] = [:]
    /// The bytes each record takes (its key and its JSON), for `maxBytes`.
    private(set) var sizes: [String: Int] = [:]
    public private(set) var bytes = 0
    /// Batch ids applied, oldest first, at most `appliedLimit`.
    private(set) var applied: [String] = []
    private var appliedSet: Set<String> = []
    /// How many applied batch ids a store remembers.
    static let appliedLimit = 4096

    public init() {}

    public var count: Int { records.count }

    func hasApplied(_ id: String?) -> Bool {
        id.map(appliedSet.contains) ?? false
    }

    static func size(key: String, data: JSONObject) -> Int {
        key.utf8.count + JSONValue.object(data).serializedBytes(.compact).count
    }

    /// Applies the batch, unchecked (it was checked when written, or it is read back from the log).
    mutating func apply(_ batch: DataStoreBatch) {
        for change in batch.changes {
            switch change {
            case .put(let key, let data):
                let size = Self.size(key: key, data: data)
                bytes += size - (sizes[key] ?? 0)
                sizes[key] = size
                records[key] = data
            case .delete(let key):
                bytes -= sizes.removeValue(forKey: key) ?? 0
                records[key] = nil
            case .clear:
                records = [:]
                sizes = [:]
                bytes = 0
            }
        }
        remember(batch.id)
    }

    mutating func remember(_ id: String?) {
        guard let id, appliedSet.insert(id).inserted else { return }
        applied.append(id)
        while applied.count > Self.appliedLimit { appliedSet.remove(applied.removeFirst()) }
    }

    /// Throws `full` when the batch would take the store over a limit it is not over already (a batch
    /// that shrinks a store over a lowered limit passes).
    func check(_ batch: DataStoreBatch, against declaration: DataStoreDeclaration) throws(DataStoreError) {
        var count = records.count
        var total = bytes
        var touched: [String: Int] = [:]
        var gone: Set<String> = []
        var cleared = false
        func current(_ key: String) -> Int? {
            if let size = touched[key] { return size }
            if gone.contains(key) || cleared { return nil }
            return sizes[key]
        }
        for change in batch.changes {
            switch change {
            case .put(let key, let data):
                let size = Self.size(key: key, data: data)
                if let old = current(key) { total -= old } else { count += 1 }
                total += size
                touched[key] = size
                gone.remove(key)
            case .delete(let key):
                if let old = current(key) { total -= old; count -= 1 }
                touched[key] = nil
                gone.insert(key)
            case .clear:
                (count, total, cleared) = (0, 0, true)
                touched = [:]
                gone = []
            }
        }
        if let max = declaration.maxRecords, count > max, count > records.count {
            throw DataStoreError.full(store: declaration.name, reason: DataStoreMessages.overRecords(count, max: max))
        }
        if total > declaration.maxBytes, total > bytes {
            throw DataStoreError.full(store: declaration.name, reason: DataStoreMessages.overBytes(total, max: declaration.maxBytes))
        }
    }
}

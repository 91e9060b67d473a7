/// Make's data store modules: each call is one operation on one declared store.
public enum DataStoreOperation: String, Sendable, Hashable, CaseIterable {
    /// `{key, data}` stored (added, or replaced with `overwrite`); an empty key gets a generated one.
    case add = "datastore:AddRecord"
    /// The record's fields, or `{key, data}` with `returnWrapped`.
    case get = "datastore:GetRecord"
    /// `{exist}`.
    case exist = "datastore:ExistRecord"
    /// `data` merged into the record (`upsert` adds a missing one; `overwriteArrays`).
    case update = "datastore:UpdateRecord"
    case delete = "datastore:DeleteRecord"
    case deleteAll = "datastore:DeleteAllRecords"
    /// One bundle per matching record, `{key, ...fields}` (`filter`, `sort`, `limit`).
    case search = "datastore:SearchRecord"
    /// `{count}`.
    case count = "datastore:CountRecords"

    /// The mapper keys the module needs.
    var requiredKeys: [String] {
        switch self {
        case .get, .exist, .update, .delete: ["key"]
        case .add, .deleteAll, .search, .count: []
        }
    }
}

/// Why a data store operation failed. A module run turns it into a `ModuleError` of Make's type
/// (`DataStoreError.moduleError`); the `datastore` command prints it.
public enum DataStoreError: Error, Sendable, Hashable {
    /// AddRecord without `overwrite` on a key that is there.
    case duplicateKey(store: String, key: String)
    /// UpdateRecord without `upsert` on a key that is not there.
    case missingRecord(store: String, key: String)
    /// The batch would take the store over `maxRecords` or `maxBytes`.
    case full(store: String, reason: String)
    /// The record does not follow the store's data structure: every problem.
    case invalidRecord(store: String, key: String, problems: [String])
    case invalidKey(store: String, key: String, reason: String)
    /// The store's file cannot be read or written.
    case io(path: String, reason: String)
    /// A complete line of the store's log is not a batch: the file was damaged by something else.
    case corrupt(path: String, line: Int, reason: String)

    /// The stable code (listed in docs/diagnostics.md).
    public var code: String {
        switch self {
        case .duplicateKey: "datastore.duplicate-key"
        case .missingRecord: "datastore.missing-record"
        case .full: "datastore.full"
        case .invalidRecord: "datastore.invalid-record"
        case .invalidKey: "datastore.invalid-key"
        case .io: "datastore.io"
        case .corrupt: "datastore.corrupt"
        }
    }

    /// Make's error type for it.
    var kind: ModuleError.Kind {
        switch self {
        case .duplicateKey: .duplicateData
        case .missingRecord, .invalidRecord, .invalidKey: .data
        case .full: .outOfSpace
        case .io, .corrupt: .runtime
        }
    }

    func moduleError(module: String) -> ModuleError {
        var error = ModuleError(kind, code: code, message: description, module: module)
        if case .invalidRecord(_, _, let problems) = self { error.details = Array(problems.dropFirst()) }
        return error
    }
}

extension DataStoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .duplicateKey(let store, let key): DataStoreMessages.duplicateKey(key, store: store)
        case .missingRecord(let store, let key): DataStoreMessages.missingRecord(key, store: store)
        case .full(let store, let reason): DataStoreMessages.full(store, reason: reason)
        case .invalidRecord(let store, let key, let problems): DataStoreMessages.invalidRecord(key, store: store, problems: problems)
        case .invalidKey(let store, let key, let reason): DataStoreMessages.invalidKey(key, store: store, reason: reason)
        case .io(let path, let reason): DataStoreMessages.io(path, reason: reason)
        case .corrupt(let path, let line, let reason): DataStoreMessages.corrupt(path, line: line, reason: reason)
        }
    }
}

public import RefineryJSON

/// One data store as a repository declares it, once, in `datastores/<name>.json`: its name, Make's
/// numeric id (so an exported `"datastore": 12345` resolves), the kind of key, the optional data
/// structure its records follow, and its size limit. Scenarios that name it share it.
public struct DataStoreDeclaration: Sendable, Hashable {
    /// What a record key is: any text (Make's data stores), or a number written as text.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        case text, number
    }

    /// The default size limit: 64 MiB of keys and record JSON (Make's smallest store is 1 MB).
    public static let defaultMaxBytes = 64 * 1024 * 1024

    public var name: String
    /// Make's numeric data store id, as exports carry it in `parameters.datastore`.
    public var id: Int?
    public var key: KeyType = .text
    /// The data structure: nil lets a record hold any fields.
    public var structure: [FieldSpec]?
    /// Make's "Strict": a field the structure does not name is refused (otherwise it is kept as given).
    public var strict = false
    /// At most this many records; nil: no limit on the count.
    public var maxRecords: Int?
    /// At most this many bytes of keys and record JSON.
    public var maxBytes: Int = DataStoreDeclaration.defaultMaxBytes
    /// The declaration file, for messages.
    public var file: String = ""

    public init(name: String, id: Int? = nil, structure: [FieldSpec]? = nil) {
        self.name = name
        self.id = id
        self.structure = structure
    }

    /// The file name a store's data lives under: its name with anything but letters, digits, `-_.` as `_`.
    public var fileName: String {
        String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}

extension DataStoreDeclaration {
    /// `key` checked for this store: not empty, a number for a number-keyed store.
    func checkKey(_ key: String) throws(DataStoreError) {
        guard !key.isEmpty else { throw DataStoreError.invalidKey(store: name, key: key, reason: DataStoreMessages.emptyKey) }
        if self.key == .number, Double(key) == nil {
            throw DataStoreError.invalidKey(store: name, key: key, reason: DataStoreMessages.keyNotNumber)
        }
    }

    /// A record to store under `key`: the key checked, `data` checked against the structure.
    public func record(_ data: JSONObject, key: String) throws(DataStoreError) -> JSONObject {
        try checkKey(key)
        return try validated(data, key: key)
    }

    /// `data` checked against the structure (types converted as module inputs are); the record to store.
    public func validated(_ data: JSONObject, key: String) throws(DataStoreError) -> JSONObject {
        guard let structure else { return data }
        let known = Set(structure.map(\.name))
        var validator = InputValidator(module: "datastore:\(name)")
        let declared = JSONObject(data.filter { known.contains($0.key) }.map { ($0.key, $0.value) })
        var record = validator.validate(declared, fields: structure)
        var problems = validator.failures.map(\.message)
        for (field, value) in data where !known.contains(field) {
            if strict {
                problems.append(DataStoreMessages.unknownField(field, suggestion: Suggestion.closest(to: field, in: known)))
            } else {
                record[field] = value
            }
        }
        guard problems.isEmpty else { throw DataStoreError.invalidRecord(store: name, key: key, problems: problems) }
        return record
    }
}

public import RefineryJSON

/// One change to a store's records.
public enum DataStoreChange: Sendable, Hashable {
    /// The record under the key becomes `data` (added or replaced whole).
    case put(key: String, data: JSONObject)
    case delete(key: String)
    /// Every record goes.
    case clear
}

/// Changes applied together, all or none: one execution's writes to one store, or one `import`. `id`
/// names the execution, so a batch applied before is not applied again when a killed execution re-runs.
public struct DataStoreBatch: Sendable, Hashable {
    public var id: String?
    public var changes: [DataStoreChange]

    public init(id: String? = nil, changes: [DataStoreChange]) {
        self.id = id
        self.changes = changes
    }
}

extension DataStoreBatch {
    /// One line of a store's log: `{"id", "changes": [{"put", "data"} | {"delete"} | {"clear": true}]}`.
    /// A snapshot's first line also carries the ids applied before it (`applied`).
    func logLine(applied: [String]? = nil) -> [UInt8] {
        var object = JSONObject()
        if let id { object["id"] = .string(id) }
        if let applied { object["applied"] = .array(applied.map(JSONValue.string)) }
        object["changes"] = .array(changes.map(\.json))
        var bytes = JSONValue.object(object).serializedBytes(.compact)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// A log line read back; nil when it is not a batch.
    init?(logLine value: JSONValue) {
        guard let changes = value["changes"]?.arrayValue else { return nil }
        var parsed: [DataStoreChange] = []
        for change in changes {
            guard let item = DataStoreChange(json: change) else { return nil }
            parsed.append(item)
        }
        self.init(id: value["id"]?.stringValue, changes: parsed)
    }
}

extension DataStoreChange {
    var json: JSONValue {
        switch self {
        case .put(let key, let data): ["put": .string(key), "data": .object(data)]
        case .delete(let key): ["delete": .string(key)]
        case .clear: ["clear": true]
        }
    }

    init?(json: JSONValue) {
        if let key = json["put"]?.stringValue, let data = json["data"]?.objectValue {
            self = .put(key: key, data: data)
        } else if let key = json["delete"]?.stringValue {
            self = .delete(key: key)
        } else if json["clear"]?.boolValue == true {
            self = .clear
        } else {
            return nil
        }
    }
}

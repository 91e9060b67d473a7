import RefineryJSON

extension CLIMessages {
    static func unknownDataStoreAction(_ action: String) -> String {
        "unknown datastore action '\(action)': use list, get, export, import or clear"
    }

    static let noDataStoreFolder = "no datastores/ folder here or above: declare a store in datastores/<name>.json"
    static func dataStoreNameNeeded(_ action: String) -> String { "'datastore \(action)' needs the data store's NAME" }
    static let dataStoreKeyNeeded = "'datastore get' needs the record's KEY"
    static let dataStoreFileNeeded = "'datastore import' needs the FILE to import"
    static let dataStoreClearNeedsYes = "'datastore clear' removes every record: confirm with --yes (there is no terminal to ask on)"
    static let dataStoreClearCancelled = "nothing was cleared\n"
    static let importNotArray = "an import file is a JSON array of {\"key\", \"data\"} (what 'refinery datastore export' writes)"
    static let importItemShape = "each item needs a 'key' (text or number) and a 'data' object"

    static func unknownDataStore(_ name: String, known: [String]) -> String {
        let hint = Suggestion.closest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
        return "no data store '\(name)' is declared\(hint) (declared: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
    }


    static func noSuchRecord(_ key: String, store: String) -> String { "data store '\(store)' has no record with key '\(key)'\n" }

    static func dataStoreExported(_ count: Int, store: String, file: String) -> String {
        "exported \(count) record\(count == 1 ? "" : "s") of '\(store)' to \(file)\n"
    }

    static func dataStoreImported(_ count: Int, store: String) -> String {
        "imported \(count) record\(count == 1 ? "" : "s") into '\(store)'\n"
    }

    static func dataStoreCleared(_ count: Int, store: String) -> String {
        "cleared '\(store)': \(count) record\(count == 1 ? "" : "s") removed\n"
    }

    static func dataStoreClearPrompt(_ store: String, records: Int) -> String {
        "Remove all \(records) records of data store '\(store)'? This cannot be undone. Continue? [y/N] "
    }

    /// One line per store: name (id), records, bytes of records, limits, bytes on disk (files only).
    static func dataStoreList(_ rows: [JSONValue]) -> String {
        guard !rows.isEmpty else { return "no data stores are declared\n" }
        return rows.map { row in
            let name = row["name"]?.stringValue ?? ""
            let id = row["id"]?.intValue.map { " (id \($0))" } ?? ""
            let records = row["records"]?.intValue ?? 0
            let limit = row["maxRecords"]?.intValue.map { " of \($0)" } ?? ""
            let bytes = row["bytes"]?.intValue ?? 0, max = row["maxBytes"]?.intValue ?? 0
            let file = row["fileBytes"]?.intValue.map { " (\($0) bytes on disk)" } ?? ""
            return "\(name)\(id): \(records)\(limit) record\(records == 1 ? "" : "s"), \(bytes) of \(max) bytes\(file)\n"
        }.joined()
    }
}

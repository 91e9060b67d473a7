/// Every message about data stores: their declarations, references, operations and files.
enum DataStoreMessages {
    static let emptyKey = "a key cannot be empty"
    static let keyNotNumber = "the store's keys are numbers"

    static func duplicateKey(_ key: String, store: String) -> String {
        "data store '\(store)' already has a record with key '\(key)' (set 'overwrite' to replace it)"
    }

    static func missingRecord(_ key: String, store: String) -> String {
        "data store '\(store)' has no record with key '\(key)' (set 'upsert' to add it)"
    }

    static func full(_ store: String, reason: String) -> String {
        "data store '\(store)' is full: \(reason); nothing of this execution was stored"
    }

    static func overRecords(_ count: Int, max: Int) -> String { "\(count) records, over its maxRecords \(max)" }
    static func overBytes(_ bytes: Int, max: Int) -> String { "\(bytes) bytes, over its maxBytes \(max)" }

    static func invalidRecord(_ key: String, store: String, problems: [String]) -> String {
        "record '\(key)' does not follow the data structure of store '\(store)': " + problems.joined(separator: "; ")
    }

    static func invalidKey(_ key: String, store: String, reason: String) -> String {
        "invalid key '\(key)' for data store '\(store)': \(reason)"
    }

    static func unknownField(_ field: String, suggestion: String?) -> String {
        "'\(field)' is not a field of the data structure" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }

    static func io(_ path: String, reason: String) -> String { "cannot use data store file '\(path)': \(reason)" }

    static func corrupt(_ path: String, line: Int, reason: String) -> String {
        "data store file '\(path)' is damaged at line \(line): \(reason); nothing was changed (repair or remove the line)"
    }

    // Declarations.

    static func nameMismatch(_ name: String, file: String) -> String {
        "the store is named '\(name)' but its file is '\(file).json': name the file after the store"
    }

    static func duplicateId(_ id: Int, other: String) -> String { "data store id \(id) is already the id of '\(other)'" }
    static func notPositive(_ key: String) -> String { "'\(key)' must be a whole number above 0" }
    static let badName = "a data store name is letters, digits, '-', '_' and '.', 1 to 100 characters"

    // References in blueprints.

    static func unknownStore(_ reference: String, suggestion: String?, known: [String]) -> String {
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        let list = known.isEmpty ? " (no data store is declared: add datastores/<name>.json)" : " (declared: \(known.joined(separator: ", ")))"
        return "no data store '\(reference)' is declared\(hint)\(list)"
    }

    static func missingStore(_ module: String) -> String {
        "\(module) needs 'parameters.datastore': the id or name of a declared data store"
    }

    static func dynamicStore(_ module: String) -> String {
        "\(module): 'parameters.datastore' must be written as it is (an id or a name), not mapped"
    }

    static func invalidLimit(_ text: String) -> String { "the limit '\(text)' is not a whole number of at least 1" }
    static func invalidSort(_ text: String) -> String { "invalid sort '\(text)': give [{\"key\": FIELD, \"order\": \"asc\" or \"desc\"}]" }
    static func invalidFilter(_ text: String) -> String { "invalid filter condition \(text): give {\"a\": FIELD, \"o\": OPERATOR, \"b\": VALUE}" }
    static func slowPattern(_ store: String) -> String { "a filter's pattern on data store '\(store)' took too long to match" }
}

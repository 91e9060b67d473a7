import RefineryJSON

/// `datastore:SearchRecord`'s query, read from its evaluated mapper and parameters: `filter` (OR of AND
/// groups of `{a, o, b}`, `a` a field name or `key`, `o` one of Make's filter operators), `sort`
/// (`[{key, order}]`), the limit (`mappAbleLimit` when given, else `parameters.limit`, default 10).
struct DataStoreQuery {
    struct Condition {
        var field: String
        var op: FilterOperator
        var value: JSONValue?
    }

    struct SortKey {
        var field: String
        var descending: Bool
    }

    static let defaultLimit = 10

    let store: String
    var groups: [[Condition]] = []
    var sort: [SortKey] = []
    var limit = DataStoreQuery.defaultLimit
    var continueWhenNoResults = false

    init(mapper: JSONObject, parameters: JSONObject, store: String) throws(ModuleError) {
        self.store = store
        groups = try Self.groups(mapper["filter"] ?? .null)
        sort = try Self.sortKeys(mapper["sort"] ?? .null)
        limit = try Self.limit(mapper["mappAbleLimit"] ?? .null, fallback: parameters["limit"] ?? mapper["limit"] ?? .null)
        continueWhenNoResults = FilterOperands.bool(parameters["continueWhenNoRes"] ?? .null) ?? false
    }

    /// The matching records: in key order, then sorted (a stable sort), at most `limit`.
    func run(on records: [String: JSONObject]) throws(ModuleError) -> [(key: String, data: JSONObject)] {
        var found: [(key: String, data: JSONObject)] = []
        for (key, data) in records where try matches(key, data) { found.append((key, data)) }
        found.sort { $0.key < $1.key }
        if !sort.isEmpty {
            // Sorting the key-ordered matches by the sort keys, with the key order breaking ties.
            let indexed = found.enumerated().map { ($0.offset, $0.element) }
            found = indexed.sorted { lhs, rhs in
                for key in sort {
                    let order = Self.compare(Self.value(key.field, lhs.1.key, lhs.1.data), Self.value(key.field, rhs.1.key, rhs.1.data))
                    if order != 0 { return key.descending ? order > 0 : order < 0 }
                }
                return lhs.0 < rhs.0
            }.map(\.1)
        }
        return Array(found.prefix(limit))
    }

    private func matches(_ key: String, _ data: JSONObject) throws(ModuleError) -> Bool {
        guard !groups.isEmpty else { return true }
        for group in groups {
            var holds = true
            for condition in group {
                do {
                    if try !condition.op.matches(Self.value(condition.field, key, data), condition.value) { holds = false; break }
                } catch {
                    throw ModuleError(.data, code: "scenario.pattern-too-slow", message: DataStoreMessages.slowPattern(store))
                }
            }
            if holds { return true }
        }
        return false
    }

    static func value(_ field: String, _ key: String, _ data: JSONObject) -> JSONValue {
        field == "key" ? .string(key) : data[field] ?? .null
    }

    /// Numbers by value, anything else by its text; a missing value first.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        if a.isNull || b.isNull { return a.isNull == b.isNull ? 0 : (a.isNull ? -1 : 1) }
        if let x = FilterOperands.number(a), let y = FilterOperands.number(b) { return x == y ? 0 : (x < y ? -1 : 1) }
        let x = FilterOperands.text(a), y = FilterOperands.text(b)
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    private static func groups(_ value: JSONValue) throws(ModuleError) -> [[Condition]] {
        guard let items = value.arrayValue, !items.isEmpty else {
            if value.isNull || value == .string("") || value.arrayValue != nil { return [] }
            throw invalid(DataStoreMessages.invalidFilter(value.serialized()))
        }
        // One group may come as a flat array of conditions.
        let groups = items.allSatisfy { $0.objectValue != nil } ? [items] : items.map { $0.arrayValue ?? [$0] }
        return try groups.map { group throws(ModuleError) in try group.map(condition) }
    }

    private static func condition(_ value: JSONValue) throws(ModuleError) -> Condition {
        let field = FilterOperands.text(value["a"] ?? .null)
        guard !field.isEmpty, let op = FilterOperator(FilterOperands.text(value["o"] ?? .null)) else {
            throw invalid(DataStoreMessages.invalidFilter(value.serialized()))
        }
        return Condition(field: field, op: op, value: op.isUnary ? nil : value["b"] ?? .null)
    }

    private static func sortKeys(_ value: JSONValue) throws(ModuleError) -> [SortKey] {
        if value.isNull || value == .string("") { return [] }
        guard let items = value.arrayValue ?? value.objectValue.map({ [.object($0)] }) else {
            throw invalid(DataStoreMessages.invalidSort(value.serialized()))
        }
        return try items.map { item throws(ModuleError) in
            if let field = item.stringValue, !field.isEmpty { return SortKey(field: field, descending: false) }
            let field = FilterOperands.text(item["key"] ?? item["field"] ?? .null)
            let order = FilterOperands.text(item["order"] ?? item["direction"] ?? .null).lowercased()
            guard !field.isEmpty, ["", "asc", "desc"].contains(order) else { throw invalid(DataStoreMessages.invalidSort(item.serialized())) }
            return SortKey(field: field, descending: order == "desc")
        }
    }

    private static func limit(_ mapped: JSONValue, fallback: JSONValue) throws(ModuleError) -> Int {
        let given = (mapped.isNull || mapped == .string("")) ? fallback : mapped
        if given.isNull || given == .string("") { return defaultLimit }
        guard let number = FilterOperands.number(given), number >= 1, let limit = Int(exactly: number.rounded(.down)) else {
            throw invalid(DataStoreMessages.invalidLimit(FilterOperands.text(given)))
        }
        return limit
    }

    private static func invalid(_ message: String) -> ModuleError {
        ModuleError(.data, code: "module.invalid-value", message: message)
    }
}

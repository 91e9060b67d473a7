import RefineryJSON

/// The numeric aggregator's functions (`util:FunctionAggregator2`, `parameters.fn` as exported).
enum NumericFunction: String, CaseIterable {
    case sum, avg, count, max, min

    /// The function over the collected `value`s. Numbers and numeric text count; any other value (empty
    /// text, null, words) is left out, except by `count`, which counts every bundle that arrived.
    /// Over no numbers: `sum` 0, `count` 0, `avg`, `max`, `min` null.
    func apply(to values: [JSONValue]) -> JSONValue {
        let numbers = values.compactMap(Self.number)
        switch self {
        case .count: return .int(values.count)
        case .sum: return Self.json(numbers.reduce(0, +))
        case .avg: return numbers.isEmpty ? .null : Self.json(numbers.reduce(0, +) / Double(numbers.count))
        case .max: return numbers.max().map(Self.json) ?? .null
        case .min: return numbers.min().map(Self.json) ?? .null
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int, .double, .string: FilterOperands.number(value)
        default: nil
        }
    }

    /// A whole result as an integer (ids and counts stay integers), any other as a double.
    private static func json(_ number: Double) -> JSONValue {
        if abs(number) < 9_007_199_254_740_992, let whole = Int(exactly: number) { return .int(whole) }
        return .double(number)
    }
}

/// How the text and table aggregators join what they collected.
enum AggregateText {
    /// Make's separator choices as exported: `"\n"` (or `newline`), `"\t"` (or `tab`), `"other"` with the
    /// text in one of `other`'s keys, `""` (Make's "Empty"), or the separator itself.
    static func separator(_ parameters: JSONObject, _ key: String, other: [String], default fallback: String) -> String {
        switch parameters[key]?.stringValue {
        case nil: fallback
        case "newline", "\n": "\n"
        case "tab", "\t": "\t"
        case "other": other.lazy.compactMap { parameters[$0]?.stringValue }.first ?? ""
        case let custom?: custom
        }
    }

    /// One row per collected bundle (its aggregated fields in mapper order, as text), columns joined by
    /// `columnSeparator` (tab by default), rows by `rowSeparator` (a new line by default).
    static func table(_ rows: [JSONValue], parameters: JSONObject) -> String {
        let column = separator(parameters, "columnSeparator", other: ["otherColumnSeparator"], default: "\t")
        let row = separator(parameters, "rowSeparator", other: ["otherRowSeparator"], default: "\n")
        return rows.map { cells in (cells.arrayValue ?? []).map { $0.stringValue ?? "" }.joined(separator: column) }
            .joined(separator: row)
    }
}

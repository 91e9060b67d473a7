/// One row of a result, every value in PostgreSQL's text form.
public struct PostgresRow: Sendable {
    /// The column names, in the order of the `SELECT`.
    public let columns: [String]
    let values: [String?]

    init(columns: [String], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The text form of the first column called `name`; nil for NULL or no such column.
    public subscript(_ name: String) -> String? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// The column as an integer (`int2`, `int4`, `int8`, or any text of digits).
    public func int(_ name: String) -> Int? {
        self[name].flatMap { Int($0) }
    }

    /// The column as a floating-point number (`float4`, `float8`, `numeric`; `NaN`, `Infinity`).
    public func double(_ name: String) -> Double? {
        self[name].flatMap { Double($0) }
    }

    /// The column as a boolean: `t`/`f` (how the server prints `bool`), also `true`/`false`.
    public func bool(_ name: String) -> Bool? {
        switch self[name] {
        case "t", "true": true
        case "f", "false": false
        default: nil
        }
    }

    /// A `bytea` column's bytes, decoded from its hex form (`\x…`, the server's default output).
    public func bytes(_ name: String) -> [UInt8]? {
        self[name].flatMap(Hex.decodeBytea)
    }
}

/// What a statement produced: its rows (none for most commands) and how many rows it affected.
public struct PostgresResult: Sendable {
    public let rows: [PostgresRow]
    /// The count at the end of the `CommandComplete` tag (`INSERT 0 3`, `UPDATE 2`, `SELECT 5`), 0 when
    /// the tag has none (`CREATE TABLE`).
    public let affectedRows: Int

    init(rows: [PostgresRow], affectedRows: Int) {
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// The number a command tag ends with, 0 when it ends with a word.
    static func affectedRows(fromTag tag: String) -> Int {
        tag.split(separator: " ").last.flatMap { Int($0) } ?? 0
    }
}

/// A `NOTIFY` delivered to a connection that `LISTEN`s on its channel.
public struct PostgresNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    /// The server process that sent it.
    public let processId: Int32

    public init(channel: String, payload: String, processId: Int32) {
        self.channel = channel
        self.payload = payload
        self.processId = processId
    }
}

extension ConnectionState {
    /// The extended protocol for one statement: Parse, Bind, Describe, Execute, Sync; read up to
    /// `ReadyForQuery`. A server error is thrown after `ReadyForQuery`, so the connection stays in step.
    mutating func query(_ sql: String, _ parameters: [PostgresValue]) throws(PostgresError) -> PostgresResult {
        try checkSendable(sql, parameters)
        try send(FrontendMessage.extendedQuery(sql, parameters))
        var collector = ResultCollector()
        try readResults(into: &collector, operation: "query")
        return PostgresResult(rows: collector.rows, affectedRows: collector.affectedRows)
    }

    /// The simple protocol: one `Query` message, any number of statements.
    mutating func execute(_ sql: String) throws(PostgresError) {
        try checkSendable(sql, [])
        try send(FrontendMessage.query(sql))
        var collector = ResultCollector()
        try readResults(into: &collector, operation: "execute")
    }

    /// Reads to `ReadyForQuery`: rows and tags into `collector`, the first server error thrown at the end.
    private mutating func readResults(into collector: inout ResultCollector, operation: String) throws(PostgresError) {
        let deadline = Self.deadline(in: configuration.operationTimeout)
        var failure: PostgresError?
        while true {
            switch try receive(before: deadline, operation: operation) {
            case .readyForQuery(let status):
                transactionStatus = status
                if let failure { throw failure }
                return
            case .error(let fields):
                if fields.isFatal { throw markBroken(fields.error) }
                failure = failure ?? fields.error
            case .copy(let type):
                failure = failure ?? .protocolViolation("COPY is not supported by this client")
                if type == UInt8(ascii: "G") { try send(Self.copyFail) }
            case let message:
                do { try collector.take(message) } catch { throw markBroken(error) }
            }
        }
    }

    private mutating func checkSendable(_ sql: String, _ parameters: [PostgresValue]) throws(PostgresError) {
        guard !isBroken else { throw .connection("the connection is closed") }
        guard !sql.utf8.contains(0) else { throw .protocolViolation("the SQL text contains a NUL character") }
        guard parameters.count <= Int(Int16.max) else {
            throw .protocolViolation("\(parameters.count) parameters; a statement takes at most \(Int16.max)")
        }
        let size = sql.utf8.count + parameters.reduce(0) { $0 + ($1.textForm?.utf8.count ?? 0) + 8 }
        guard size < Int(Int32.max) / 2 else { throw .protocolViolation("the statement and its parameters exceed 1 GiB") }
    }

    private static let copyFail: [UInt8] = {
        var body = MessageWriter()
        body.cString("COPY is not supported by this client")
        return body.framed(type: "f")
    }()
}

/// The rows and the affected-row count of the statements of one request.
struct ResultCollector {
    private(set) var rows: [PostgresRow] = []
    private(set) var affectedRows = 0
    private var columns: [String] = []

    mutating func take(_ message: BackendMessage) throws(PostgresError) {
        switch message {
        case .rowDescription(let names):
            columns = names
            rows = []
        case .dataRow(let values):
            guard values.count == columns.count else {
                throw .protocolViolation("a row of \(values.count) values for \(columns.count) columns")
            }
            rows.append(PostgresRow(columns: columns, values: values.map { $0.map { String(decoding: $0, as: UTF8.self) } }))
        case .commandComplete(let tag):
            affectedRows = PostgresResult.affectedRows(fromTag: tag)
        case .parseComplete, .bindComplete, .closeComplete, .noData, .emptyQueryResponse, .parameterDescription:
            break
        default:
            throw .protocolViolation("unexpected message in a query's results")
        }
    }
}

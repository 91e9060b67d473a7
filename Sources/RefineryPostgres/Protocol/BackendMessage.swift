/// A message from the server (PostgreSQL protocol v3, "Message Formats").
package enum BackendMessage: Sendable, Equatable {
    case authentication(AuthenticationRequest)
    case parameterStatus(name: String, value: String)
    case backendKeyData(processId: Int32, secretKey: [UInt8])
    case readyForQuery(TransactionStatus)
    case rowDescription([String])
    case dataRow([[UInt8]?])
    case commandComplete(tag: String)
    case emptyQueryResponse
    case error(ServerErrorFields)
    case notice(ServerErrorFields)
    case notification(PostgresNotification)
    case parseComplete, bindComplete, closeComplete, noData, portalSuspended
    case parameterDescription([Int32])
    /// `CopyInResponse`, `CopyOutResponse`, `CopyBothResponse`, `CopyData`, `CopyDone`: COPY is not supported.
    case copy(type: UInt8)
    case negotiateProtocolVersion(newestMinor: Int32, unrecognized: [String])
}

/// What `Authentication*` asks for.
package enum AuthenticationRequest: Sendable, Equatable {
    case ok
    case cleartextPassword
    case md5Password(salt: [UInt8])
    case sasl(mechanisms: [String])
    case saslContinue([UInt8])
    case saslFinal([UInt8])
    /// Kerberos, GSSAPI, SSPI: the code the server sent.
    case unsupported(Int32)
}

/// `ReadyForQuery`'s status byte.
package enum TransactionStatus: UInt8, Sendable {
    case idle = 0x49 // I
    case inTransaction = 0x54 // T
    case failedTransaction = 0x45 // E
}

/// The fields of an `ErrorResponse` or `NoticeResponse` the client uses.
package struct ServerErrorFields: Sendable, Equatable {
    package var severity = ""
    package var sqlState = ""
    package var message = ""
    package var detail: String?
    package var constraint: String?

    /// A `FATAL` or `PANIC` error ends the session.
    package var isFatal: Bool { severity == "FATAL" || severity == "PANIC" }

    package var error: PostgresError {
        .server(sqlState: sqlState, message: message, detail: detail, constraint: constraint)
    }
}

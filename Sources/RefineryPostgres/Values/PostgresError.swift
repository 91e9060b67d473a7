internal import RefineryHTTP

/// What went wrong talking to PostgreSQL. Every message is built by the client, never from the
/// configuration's password: a message that could hold it (an echoed URL, a server's text) passes
/// through `redacting(_:)`, which prints every form of the password as `<REDACTED>`.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// An `ErrorResponse` from the server: its SQLSTATE (`23505`, `42P01`, …), message, detail and the
    /// name of the violated constraint, when the server sent them. The connection stays usable.
    case server(sqlState: String, message: String, detail: String?, constraint: String?)
    /// The connection could not be made, or broke; it is closed.
    case connection(String)
    /// Connecting or an operation took longer than its timeout; the connection is closed.
    case timeout(String)
    /// The server refused the credentials, or asked for a method the client does not speak.
    case authentication(String)
    /// The server sent something the protocol does not allow; the connection is closed.
    case protocolViolation(String)
    /// A `postgres://` URL that cannot be used.
    case invalidURL(String)

    /// The SQLSTATE of a server error, nil for every other error.
    public var sqlState: String? {
        if case .server(let sqlState, _, _, _) = self { return sqlState }
        return nil
    }

    public var description: String {
        switch self {
        case .server(let sqlState, let message, let detail, let constraint):
            var text = "server error \(sqlState): \(message)"
            if let detail { text += " (detail: \(detail))" }
            if let constraint { text += " [constraint \(constraint)]" }
            return text
        case .connection(let message): return "connection failed: \(message)"
        case .timeout(let message): return "timed out: \(message)"
        case .authentication(let message): return "authentication failed: \(message)"
        case .protocolViolation(let message): return "protocol violation: \(message)"
        case .invalidURL(let message): return "invalid PostgreSQL URL: \(message)"
        }
    }

    /// This error with every form of `password` in its texts replaced by `<REDACTED>`.
    func redacting(_ password: String?) -> PostgresError {
        guard let password, !password.isEmpty else { return self }
        let patterns = SecretPatterns.shared(secrets: [password])
        let scrub = { (text: String) in patterns.replacing(in: text, with: PostgresError.redacted).text }
        switch self {
        case .server(let sqlState, let message, let detail, let constraint):
            return .server(sqlState: sqlState, message: scrub(message), detail: detail.map(scrub), constraint: constraint.map(scrub))
        case .connection(let message): return .connection(scrub(message))
        case .timeout(let message): return .timeout(scrub(message))
        case .authentication(let message): return .authentication(scrub(message))
        case .protocolViolation(let message): return .protocolViolation(scrub(message))
        case .invalidURL(let message): return .invalidURL(scrub(message))
        }
    }

    static let redacted = "<REDACTED>"
}

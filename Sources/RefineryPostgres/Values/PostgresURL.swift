import Foundation

/// Parses `postgres://` URLs. Messages never quote the URL (it may hold the password); they name the part.
enum PostgresURL {
    static func parse(_ url: String, environment: [String: String]) throws(PostgresError) -> PostgresConfiguration {
        guard let rest = stripScheme(url) else {
            throw .invalidURL("expected 'postgres://USER[:PASSWORD]@HOST[:PORT]/DB'")
        }
        let (body, query) = split(rest, at: "?")
        guard let at = body.lastIndex(of: "@") else { throw .invalidURL("missing 'USER@' before the host") }
        let (userText, passwordText) = split(String(body[..<at]), at: ":")
        let (hostPort, databaseText) = split(String(body[body.index(after: at)...]), at: "/")
        let user = try decode(userText, part: "user")
        guard !user.isEmpty else { throw .invalidURL("the user is empty") }
        let (host, port) = try parseHostPort(hostPort)
        guard let databaseText, !databaseText.isEmpty else { throw .invalidURL("missing '/DB' after the host") }
        var configuration = PostgresConfiguration(
            host: host, port: port, user: user,
            password: try passwordText.map { text throws(PostgresError) in try decode(text, part: "password") } ?? environment["PGPASSWORD"],
            database: try decode(databaseText, part: "database")
        )
        if let query { try apply(query: query, to: &configuration) }
        return configuration
    }

    private static func stripScheme(_ url: String) -> Substring? {
        for scheme in ["postgres://", "postgresql://"] where url.lowercased().hasPrefix(scheme) {
            return url.dropFirst(scheme.count)
        }
        return nil
    }

    /// The text before the first `separator` and, when there is one, the text after it.
    private static func split(_ text: some StringProtocol, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (String(text), nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    private static func decode(_ text: String, part: String) throws(PostgresError) -> String {
        guard let decoded = text.removingPercentEncoding else { throw .invalidURL("bad percent-encoding in the \(part)") }
        return decoded
    }

    private static func parseHostPort(_ text: String) throws(PostgresError) -> (String, Int) {
        guard !text.hasPrefix("[") else { throw .invalidURL("IPv6 hosts are not supported") }
        let (hostText, portText) = split(text, at: ":")
        let host = try decode(hostText, part: "host")
        guard !host.isEmpty else { throw .invalidURL("the host is empty") }
        guard let portText else { return (host, 5432) }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw .invalidURL("the port '\(portText)' is not a number from 1 to 65535")
        }
        return (host, port)
    }

    private static func apply(query: String, to configuration: inout PostgresConfiguration) throws(PostgresError) {
        for pair in query.split(separator: "&") {
            let (key, value) = split(pair, at: "=")
            let text = try decode(value ?? "", part: "parameter '\(key)'")
            switch key {
            case "connect_timeout":
                guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                    throw .invalidURL("connect_timeout '\(text)' is not a positive number of seconds")
                }
                configuration.connectTimeout = seconds
            case "sslmode":
                guard ["disable", "allow", "prefer"].contains(text) else {
                    throw .invalidURL("sslmode '\(text)' needs TLS, which this client does not support; use sslmode=disable")
                }
            default:
                throw .invalidURL("unknown parameter '\(key)'; the client knows connect_timeout and sslmode")
            }
        }
    }
}

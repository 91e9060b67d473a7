public import Foundation

/// Where and as whom to connect. `description` never shows the password: it prints `<REDACTED>`.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address or a host name (resolved to IPv4); `localhost` is 127.0.0.1.
    public var host: String
    public var port: Int
    public var user: String
    /// The password for cleartext, MD5 and SCRAM-SHA-256 authentication; nil for `trust`.
    public var password: String?
    public var database: String
    /// Seconds to connect and authenticate (default 10).
    public var connectTimeout: Double = 10
    /// Seconds any one operation may wait for the server (default 30); past it the connection is closed.
    public var operationTimeout: Double = 30

    public init(host: String, port: Int = 5432, user: String, password: String?, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// A configuration from `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?connect_timeout=S]` (or
    /// `postgresql://`), every part percent-decoded. Without a password in the URL, `PGPASSWORD` from
    /// `environment` is used. See docs/postgres.md.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresError) {
        self = try PostgresURL.parse(url, environment: environment)
    }

    public var description: String {
        let secret = password == nil ? "" : ":\(PostgresError.redacted)"
        return "postgres://\(user)\(secret)@\(host):\(port)/\(database)"
            + " (connect timeout \(connectTimeout) s, operation timeout \(operationTimeout) s)"
    }
}

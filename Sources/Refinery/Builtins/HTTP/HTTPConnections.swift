/// Named credentials for `http:MakeRequest`, read from environment variables: Make keeps them in its
/// keychain, a blueprint names the key (`parameters.apiKeyKeychain: 12345`), and Refinery looks the name
/// up here. A connection named `crm` is read from
///
/// - `REFINERY_HTTP_CRM_USER` and `REFINERY_HTTP_CRM_PASSWORD`: Basic auth;
/// - `REFINERY_HTTP_CRM_TOKEN`: `Authorization: Bearer <token>`;
/// - `REFINERY_HTTP_CRM_API_KEY`, `REFINERY_HTTP_CRM_API_KEY_NAME` (default `X-API-Key`) and
///   `REFINERY_HTTP_CRM_API_KEY_IN` (`header`, the default, or `query`): an API key;
/// - `REFINERY_HTTP_CRM_URL`: a secret URL (a Slack incoming webhook), used when the mapper's `url` is empty.
///
/// Names are upper-cased and every character other than a letter or digit becomes `_`, so the keychain
/// `12345` is `REFINERY_HTTP_12345_*` and `my-crm` is `REFINERY_HTTP_MY_CRM_*`. Every value but
/// `API_KEY_NAME` and `API_KEY_IN` is a secret.
public struct HTTPConnections: Sendable {
    public static let prefix = "REFINERY_HTTP_"

    /// By normalised name (`MY_CRM`).
    public private(set) var connections: [String: HTTPConnection]
    /// What a name with no variables gets: nothing (the module fails, naming the variables), placeholder
    /// credentials (replays without secrets), or, under `--sandbox`, a stand-in URL (the sandbox's inbox).
    public enum Unset: Sendable {
        case missing
        case placeholders
        /// The URL `url(name)` gives (and placeholder credentials).
        case standIn(url: @Sendable (String) -> String)
    }

    public var unset = Unset.missing

    public init(_ connections: [String: HTTPConnection] = [:]) {
        self.connections = connections
    }

    /// Every connection the environment's `REFINERY_HTTP_*` variables describe.
    public init(environment: [String: String]) {
        var found: [String: HTTPConnection] = [:]
        for (variable, value) in environment where variable.hasPrefix(Self.prefix) {
            let rest = variable.dropFirst(Self.prefix.count)
            // Longest suffix first, so `CRM_API_KEY_NAME` is the key's name, not an `API_KEY`.
            if let field = HTTPConnection.Field.allCases.first(where: { rest.hasSuffix("_" + $0.rawValue) }) {
                let name = String(rest.dropLast(field.rawValue.count + 1))
                guard !name.isEmpty else { continue }
                found[name, default: HTTPConnection()][field] = value
            }
        }
        self.init(found)
    }

    /// `12345` → `12345`, `my-crm` → `MY_CRM`.
    public static func normalised(_ name: String) -> String {
        String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The variable of `field` for the connection `name`.
    public static func variable(_ name: String, _ field: HTTPConnection.Field) -> String {
        prefix + normalised(name) + "_" + field.rawValue
    }

    public subscript(name: String) -> HTTPConnection? {
        if let connection = connections[Self.normalised(name)] { return connection }
        switch unset {
        case .missing: return nil
        case .placeholders: return .placeholder
        case .standIn(let url):
            var connection = HTTPConnection.placeholder
            connection[.url] = url(name)
            return connection
        }
    }

    /// Every secret value with a name for the cassette's redactor (`http.CRM.TOKEN`).
    public var secrets: [(name: String, value: String)] {
        connections.sorted { $0.key < $1.key }.flatMap { name, connection in
            connection.secretFields.map { (name: "http.\(name).\($0.key.rawValue)", value: $0.value) }
        }
    }
}

/// One named connection's values.
public struct HTTPConnection: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        // Longest suffixes first (`API_KEY_NAME` before `API_KEY`).
        case apiKeyName = "API_KEY_NAME", apiKeyIn = "API_KEY_IN", apiKey = "API_KEY"
        case user = "USER", password = "PASSWORD", token = "TOKEN", url = "URL"

        var isSecret: Bool { self != .apiKeyName && self != .apiKeyIn }
    }

    public var values: [Field: String] = [:]

    public init(_ values: [Field: String] = [:]) {
        self.values = values
    }

    public subscript(field: Field) -> String? {
        get { values[field].flatMap { $0.isEmpty ? nil : $0 } }
        set { values[field] = newValue }
    }

    var secretFields: [(key: Field, value: String)] {
        values.filter { $0.key.isSecret && !$0.value.isEmpty }.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    public var secrets: [String] { secretFields.map(\.value) }

    /// What a replay without secrets sends: the cassette holds `<redacted>`, which matches any value.
    public static let placeholder = HTTPConnection([
        .user: "replayed-without-a-user", .password: "replayed-without-a-password", .token: "replayed-without-a-token",
        .apiKey: "replayed-without-a-key", .url: "https://replayed-without-a-secret.invalid/",
    ])
}

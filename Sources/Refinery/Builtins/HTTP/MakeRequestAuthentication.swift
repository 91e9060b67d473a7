import Foundation
import RefineryJSON

/// How `http:MakeRequest` authenticates, from `parameters.authenticationType` and the connection its
/// keychain names (see `HTTPConnections`).
///
/// | `authenticationType` | keychain parameter | connection values | sent |
/// |---|---|---|---|
/// | `noAuth` (default) | `connection` (optional, for its URL) | `URL` | nothing |
/// | `basicAuth` | `basicAuthKeychain` | `USER`, `PASSWORD` | `Authorization: Basic base64(user:password)` |
/// | `apiKey` | `apiKeyKeychain` | `API_KEY`, `API_KEY_NAME`, `API_KEY_IN` | the key in a header (default `X-API-Key`) or the query |
/// | `apiKey` | `apiKeyKeychain` | `TOKEN` (no `API_KEY`) | `Authorization: Bearer <token>` |
/// | `bearer` (Refinery's) | `bearerKeychain` | `TOKEN` | `Authorization: Bearer <token>` |
///
/// Every type also takes Refinery's `parameters.connection` instead of its keychain parameter.
enum MakeRequestAuthentication: Sendable, Hashable {
    case none
    case header(name: String, value: String)
    case query(name: String, value: String)

    static let types = ["noAuth", "basicAuth", "apiKey", "bearer"]
    static let keychains = ["noAuth": "connection", "basicAuth": "basicAuthKeychain", "apiKey": "apiKeyKeychain", "bearer": "bearerKeychain"]

    static func type(_ input: JSONObject) throws(ModuleError) -> String {
        let type = input["authenticationType"].flatMap(MakeRequestInput.text) ?? ""
        if type.isEmpty { return "noAuth" }
        if type.lowercased().hasPrefix("oauth") {
            throw ModuleError(.invalidConfiguration, code: "http.unsupported", message: MakeRequestMessages.unsupported("OAuth 2.0 authentication"),
                              module: MakeRequestMessages.module)
        }
        guard types.contains(type) else {
            throw MakeRequestInput.invalid("authenticationType", MakeRequestMessages.unknownChoice("authenticationType", type, choices: types))
        }
        return type
    }

    /// The connection the parameters name, by its keychain or `connection`; nil for `noAuth` without one.
    static func connection(_ input: JSONObject, _ connections: HTTPConnections) throws(ModuleError) -> (name: String, connection: HTTPConnection)? {
        let type = try type(input)
        let keys = [keychains[type] ?? "connection", "connection"]
        guard let name = keys.lazy.compactMap({ input[$0].flatMap(MakeRequestInput.text) }).first(where: { !$0.isEmpty }) else {
            if type == "noAuth" { return nil }
            throw missing(MakeRequestMessages.noKeychain(type, key: keychains[type] ?? "connection"))
        }
        guard let connection = connections[name] else {
            throw missing(MakeRequestMessages.missingConnection(name, variables: variables(for: type, name: name)))
        }
        return (name, connection)
    }

    init(_ input: JSONObject, connection found: (name: String, connection: HTTPConnection)?) throws(ModuleError) {
        let type = try Self.type(input)
        guard let (name, connection) = found, type != "noAuth" else {
            self = .none
            return
        }
        let variables = Self.variables(for: type, name: name)
        switch type {
        case "basicAuth":
            guard let user = connection[.user] else { throw Self.missing(MakeRequestMessages.missingConnection(name, variables: variables)) }
            let credentials = Data("\(user):\(connection[.password] ?? "")".utf8).base64EncodedString()
            self = .header(name: "Authorization", value: "Basic \(credentials)")
        case "apiKey" where connection[.apiKey] != nil:
            let key = connection[.apiKey] ?? ""
            let keyName = connection[.apiKeyName] ?? "X-API-Key"
            self = connection[.apiKeyIn]?.lowercased() == "query" ? .query(name: keyName, value: key) : .header(name: keyName, value: key)
        default:
            guard let token = connection[.token] else { throw Self.missing(MakeRequestMessages.missingConnection(name, variables: variables)) }
            self = .header(name: "Authorization", value: "Bearer \(token)")
        }
    }

    static func variables(for type: String, name: String) -> [String] {
        switch type {
        case "basicAuth": [HTTPConnections.variable(name, .user), HTTPConnections.variable(name, .password)]
        case "apiKey": [HTTPConnections.variable(name, .apiKey) + " (or " + HTTPConnections.variable(name, .token) + ")"]
        case "bearer": [HTTPConnections.variable(name, .token)]
        default: [HTTPConnections.variable(name, .url)]
        }
    }

    static func missing(_ message: String) -> ModuleError {
        ModuleError(.invalidConfiguration, code: "http.missing-connection", message: message, module: MakeRequestMessages.module)
    }

    /// The secrets this authentication sends (the whole header value and the credentials after its scheme).
    var secrets: [String] {
        switch self {
        case .none: []
        case .header(let name, let value) where name == "Authorization": OutputRedactor.credentials(ofAuthorization: value)
        case .header(_, let value), .query(_, let value): [value]
        }
    }
}

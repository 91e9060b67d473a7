/// Replaces secrets with `<redacted>` in everything a cassette stores: URLs, headers and bodies of
/// requests and responses, and failure messages.
///
/// Four kinds of rule, all recorded in the cassette's `redactions` by name and place (never by value):
/// - secret values (connection secrets, `secret` fields) wherever they appear, also inside larger
///   strings, in every form of `SecretForms` (percent-encoded, JSON-escaped, base64 and base64url, also
///   inside Basic credentials);
/// - header names whose value is always redacted (`authorization`, `cookie`, `set-cookie`, ...);
/// - query parameter names (also applied to urlencoded request bodies);
/// - JSON paths from an app's `log.sanitize` (`request.body.password`, `response.body.token`).
public struct Redactor: Sendable {
    /// What replaces a redacted value.
    public static let marker = "<redacted>"
    /// Secrets shorter than this are refused: they cannot be searched for without false hits.
    public static let minimumSecretLength = 4

    public static let defaultHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
        "x-auth-token", "x-access-token",
    ]

    public static let defaultQueryParameters: Set<String> = [
        "api_key", "apikey", "access_token", "refresh_token", "token", "client_secret", "password",
    ]

    /// A secret value and the name it is reported under (`connection.apiKey`, `REFINER_API_KEY`).
    public struct Secret: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The secrets, longest value first (so a secret containing another is redacted whole).
    public let secrets: [Secret]
    /// Every form of every secret (`SecretForms`), indexed like `secrets`.
    let patterns: SecretPatterns
    let headers: Set<String>
    let queryParameters: Set<String>
    let paths: [SanitizePath]

    /// - Parameters:
    ///   - secrets: secret values; empty values are ignored, values under 4 bytes throw `record.short-secret`.
    ///   - headers: header names (any case) whose values are always redacted, besides `log.sanitize`'s.
    ///   - queryParameters: query parameter names whose values are always redacted.
    ///   - sanitize: the app's `log.sanitize` entries; a malformed one throws `record.invalid-sanitize-path`.
    public init(
        secrets: [Secret] = [],
        headers: Set<String> = Redactor.defaultHeaders,
        queryParameters: Set<String> = Redactor.defaultQueryParameters,
        sanitize: [String] = []
    ) throws(CassetteError) {
        var kept: [Secret] = []
        var paths: [SanitizePath] = []
        for entry in sanitize {
            if let path = try SanitizePath.parse(entry) { paths.append(path) }
        }
        for secret in secrets where !secret.value.isEmpty && !kept.contains(secret) {
            guard secret.value.utf8.count >= Self.minimumSecretLength else {
                throw CassetteError(.shortSecret(secretName: secret.name), CassetteMessages.shortSecret(secret.name))
            }
            kept.append(secret)
        }
        let sorted = kept.sorted { ($0.value.utf8.count, $1.name) > ($1.value.utf8.count, $0.name) }
        self.init(secrets: sorted, headers: headers, queryParameters: queryParameters, paths: paths)
    }

    /// The default header and query parameter names, no secrets, no `log.sanitize` paths.
    public static var standard: Redactor {
        Redactor(secrets: [], headers: defaultHeaders, queryParameters: defaultQueryParameters, paths: [])
    }

    private init(secrets: [Secret], headers: Set<String>, queryParameters: Set<String>, paths: [SanitizePath]) {
        self.secrets = secrets
        self.patterns = SecretPatterns(secrets: secrets.map(\.value))
        self.headers = Set(headers.map { $0.lowercased() })
        self.queryParameters = Set(queryParameters.map { $0.lowercased() })
        self.paths = paths
    }

    /// Whether `name` is a header whose value is redacted on `side`.
    func redactsHeader(_ name: String, on side: SanitizePath.Side) -> Bool {
        let lowered = name.lowercased()
        return headers.contains(lowered) || headerPath(lowered, on: side) != nil
    }

    func headerPath(_ lowered: String, on side: SanitizePath.Side) -> SanitizePath? {
        paths.first { $0.side == side && $0.section == .headers && $0.keys[0] == lowered }
    }

    /// The rule that redacts query parameter `name`, if any: its `log.sanitize` path, or nil for a default name.
    func queryRule(_ name: String) -> (redacts: Bool, path: SanitizePath?) {
        let lowered = name.lowercased()
        let path = paths.first { $0.side == .request && $0.section == .qs && $0.keys[0] == lowered }
        return (path != nil || queryParameters.contains(lowered), path)
    }

    func bodyPaths(on side: SanitizePath.Side) -> [SanitizePath] {
        paths.filter { $0.side == side && $0.section == .body }
    }
}

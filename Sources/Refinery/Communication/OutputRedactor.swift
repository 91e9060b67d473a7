import RefineryHTTP
public import RefineryJSON

/// Replaces secret values (connection secrets, `secret` input fields, `Authorization` values) with
/// `<redacted>` wherever text might be shown: errors, logs, output bundles. Every form a secret can
/// travel in is replaced (`SecretForms`: percent-encoded, JSON-escaped, base64 and base64url, inside
/// Basic credentials), so an API that echoes the key back encoded cannot leak it either.
public struct OutputRedactor: Sendable {
    public static let mask = "<redacted>"
    /// Secrets, longest first so a secret containing another is masked whole.
    public let secrets: [String]

    private let patterns: SecretPatterns

    public init(secrets: some Sequence<String>) {
        self.secrets = Set(secrets.filter { $0.count >= 3 }).sorted { ($0.count, $1) > ($1.count, $0) }
        self.patterns = SecretPatterns.shared(secrets: self.secrets)
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// This redactor with more secrets, e.g. an `Authorization` header's credentials once evaluated.
    public func adding(_ more: some Sequence<String>) -> OutputRedactor {
        OutputRedactor(secrets: secrets + more)
    }

    /// The credentials of an `Authorization` value: the whole value and what follows its scheme.
    public static func credentials(ofAuthorization value: String) -> [String] {
        let parts = value.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? [value, String(parts[1])] : [value]
    }

    public func redact(_ text: String) -> String {
        patterns.replacing(in: text, with: Self.mask).text
    }

    /// Every string (and object key) of a value, redacted. A value without secrets is returned as it
    /// is, after a read-only scan.
    public func redact(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty, containsSecret(value) else { return value }
        return rebuild(value)
    }

    func rebuild(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(rebuild))
        case .object(let object): return .object(JSONObject(object.map { (redact($0.key), rebuild($0.value)) }))
        default: return value
        }
    }

    func containsSecret(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): contains(text)
        case .array(let items): items.contains(where: containsSecret)
        case .object(let object): object.contains { contains($0.key) || containsSecret($0.value) }
        default: false
        }
    }

    /// Whether `text` holds a secret in any form: a byte search, no allocation.
    public func contains(_ text: String) -> Bool {
        !patterns.isEmpty && patterns.contains(text)
    }

    public func redact(_ error: ModuleError) -> ModuleError {
        var copy = error
        copy.message = redact(error.message)
        copy.details = error.details.map(redact)
        copy.bodyExcerpt = error.bodyExcerpt.map(redact)
        return copy
    }
}

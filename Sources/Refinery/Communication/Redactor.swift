public import RefineryJSON

/// Replaces secret values (connection secrets, `secret` input fields, `Authorization` values) with
/// `<redacted>` wherever text might be shown: errors, logs, output bundles.
public struct Redactor: Sendable {
    public static let mask = "<redacted>"
    /// Secrets, longest first so a secret containing another is masked whole.
    public let secrets: [String]

    public init(secrets: some Sequence<String>) {
        self.secrets = Set(secrets.filter { $0.count >= 3 }).sorted { $0.count > $1.count }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingAll(secret, with: Self.mask)
        }
        return result
    }

    /// Every string (and object key) of a value, redacted.
    public func redact(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(redact))
        case .object(let object): return .object(JSONObject(object.map { (redact($0.key), redact($0.value)) }))
        default: return value
        }
    }

    public func redact(_ error: ModuleError) -> ModuleError {
        var copy = error
        copy.message = redact(error.message)
        copy.details = error.details.map(redact)
        return copy
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var output = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            output += rest[..<range.lowerBound]
            output += replacement
            rest = rest[range.upperBound...]
        }
        return output + rest
    }
}

public import RefineryJSON

/// Replaces secret values (connection secrets, `secret` input fields, `Authorization` values) with
/// `<redacted>` wherever text might be shown: errors, logs, output bundles.
public struct OutputRedactor: Sendable {
    public static let mask = "<redacted>"
    /// Secrets, longest first so a secret containing another is masked whole.
    public let secrets: [String]

    private let secretBytes: [[UInt8]]

    public init(secrets: some Sequence<String>) {
        self.secrets = Set(secrets.filter { $0.count >= 3 }).sorted { $0.count > $1.count }
        self.secretBytes = self.secrets.map { Array($0.utf8) }
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
        guard contains(text) else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingAll(secret, with: Self.mask)
        }
        return result
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

    /// Whether `text` holds a secret: a byte search, no allocation.
    public func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in secretBytes.contains { Self.find($0, in: bytes) } }
    }

    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    public func redact(_ error: ModuleError) -> ModuleError {
        var copy = error
        copy.message = redact(error.message)
        copy.details = error.details.map(redact)
        copy.bodyExcerpt = error.bodyExcerpt.map(redact)
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

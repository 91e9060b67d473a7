/// A record of something redacted from a cassette: what kind of rule fired, its name, and where. Never
/// the value. (No counts: a recording made from a replay cannot see what the replayed responses had
/// redacted, and must still produce the same cassette.)
public struct Redaction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A secret value (a connection secret, a `secret` field) found anywhere; `name` names the secret.
        case secret
        /// A header that is always redacted (`authorization`, `cookie`, ...); `name` is the header.
        case header
        /// A query (or urlencoded body) parameter; `name` is the parameter.
        case query
        /// A path from the app's `log.sanitize`; `name` is the path as written.
        case path

        /// The order in which a cassette lists kinds.
        var rank: Int {
            switch self {
            case .secret: 0
            case .header: 1
            case .query: 2
            case .path: 3
            }
        }
    }

    public var kind: Kind
    public var name: String
    /// Where it was found, sorted: `request.url`, `request.headers`, `request.body`, `response.headers`,
    /// `response.body`, `failure`.
    public var places: [String]

    public init(kind: Kind, name: String, places: [String]) {
        self.kind = kind
        self.name = name
        self.places = places
    }
}

/// Collects redactions while recording, then lists them in a stable order (kind, then name).
struct RedactionLog: Sendable {
    private struct Key: Hashable {
        var kind: Redaction.Kind
        var name: String
    }

    private var entries: [Key: Set<String>] = [:]

    mutating func note(_ kind: Redaction.Kind, _ name: String, at place: String) {
        entries[Key(kind: kind, name: name), default: []].insert(place)
    }

    mutating func merge(_ redactions: [Redaction]) {
        for redaction in redactions {
            entries[Key(kind: redaction.kind, name: redaction.name), default: []].formUnion(redaction.places)
        }
    }

    var redactions: [Redaction] {
        entries
            .map { Redaction(kind: $0.key.kind, name: $0.key.name, places: $0.value.sorted()) }
            .sorted { ($0.kind.rank, $0.name) < ($1.kind.rank, $1.name) }
    }
}

/// A request a replay could not serve: thrown by `ReplayTransport.send`. It is not an
/// `HTTPTransportError` on purpose: a retry policy must not retry it, and the run should stop with its
/// message, which diffs the request against the closest recorded interaction.
public struct ReplayMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// `replay.unmatched-request`: no recorded interaction matches.
        case unmatched
        /// `replay.exhausted`: matching interactions exist, but all were already replayed.
        case exhausted
    }

    public var kind: Kind
    /// The request as sent, redacted: `GET /v1/contacts?page=2`.
    public var request: String
    /// The 0-based index of the closest recorded interaction, if the cassette has any.
    public var closest: Int?
    /// What differs between the closest interaction and the request; empty for `exhausted`.
    public var differences: [RequestDifference]
    /// The readable report: what was sent, the closest interaction, and only what differs.
    public var message: String

    public var code: String {
        switch kind {
        case .unmatched: "replay.unmatched-request"
        case .exhausted: "replay.exhausted"
        }
    }

    public var description: String { "\(message) [\(code)]" }
}

/// One way a request differs from a recorded one. Values are shown as compact JSON (strings quoted);
/// nil means absent.
public enum RequestDifference: Sendable, Hashable {
    case method(recorded: String, sent: String)
    case path(recorded: String, sent: String)
    case query(name: String, recorded: String?, sent: String?)
    /// `pointer` is a JSON Pointer into the body (`""` for the whole body).
    case body(pointer: String, recorded: String?, sent: String?)
}

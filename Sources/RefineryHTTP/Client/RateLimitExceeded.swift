import RefineryJSON

/// The server asked to wait longer than `RetryPolicy.maxWait` before another try. The module runtime
/// maps it to Make's `RateLimitError`.
public struct RateLimitExceeded: Error, Sendable, Hashable {
    /// The status of the last response (usually 429 or 503).
    public var status: Int
    /// How long the server asked to wait, in seconds.
    public var requestedWait: Double
    /// The cap it exceeded, in seconds.
    public var maxWait: Double
    /// The request's method and URL without its query (which may hold a key).
    public var target: String

    public init(status: Int, requestedWait: Double, maxWait: Double, target: String) {
        self.status = status
        self.requestedWait = requestedWait
        self.maxWait = maxWait
        self.target = target
    }
}

extension RateLimitExceeded: CustomStringConvertible {
    public var description: String {
        "\(target) answered \(status) and asked to wait \(Int(saturating: requestedWait.rounded(.up))) s, more than the cap of \(Int(saturating: maxWait)) s"
    }
}

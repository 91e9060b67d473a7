/// When and how long to wait before sending a request again. Every default is documented here and in
/// docs/modules.md ("Retries").
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first one included (default 4: one try and three retries). 1 disables retries.
    public var maxAttempts: Int
    /// Wait before the first retry, in seconds (default 0.5).
    public var baseDelay: Double
    /// Each further retry waits `factor` times longer than the one before (default 2).
    public var factor: Double
    /// Random extra wait as a fraction of the backoff delay, from 0 to `jitter` (default 0.2, so a 1 s
    /// backoff waits between 1 s and 1.2 s). `Retry-After` waits never get jitter: they are honoured exactly.
    public var jitter: Double
    /// The longest single wait, in seconds (default 60). Backoff delays are capped at it; a server that
    /// asks (`Retry-After`) for longer makes the request fail with `RateLimitExceeded` instead.
    public var maxWait: Double
    /// Statuses worth another try (default 429, 500, 502, 503, 504).
    public var retryableStatuses: Set<Int>

    public init(
        maxAttempts: Int = 4,
        baseDelay: Double = 0.5,
        factor: Double = 2,
        jitter: Double = 0.2,
        maxWait: Double = 60,
        retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
    ) {
        precondition(maxAttempts >= 1, "a retry policy needs at least one attempt")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.factor = factor
        self.jitter = jitter
        self.maxWait = maxWait
        self.retryableStatuses = retryableStatuses
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The backoff before retry number `retry` (1 for the first retry), `random` in `0..<1`.
    public func backoff(retry: Int, random: Double) -> Double {
        let exponential = baseDelay * pow(factor, Double(max(0, retry - 1)))
        let jittered = exponential * (1 + jitter * min(max(random, 0), 1))
        return min(jittered, maxWait)
    }

    /// Whether a transport failure is worth another try: lost connections and timeouts are, a bad URL or
    /// a cancellation never is.
    public func isRetryable(_ error: HTTPTransportError) -> Bool {
        switch error.kind {
        case .connectionFailed, .timedOut, .other: true
        case .cancelled, .invalidURL: false
        }
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}

import Foundation

/// Fixed one-minute windows: at most `perKeyPerMinute` requests per key, and `perUserPerMinute` per
/// contact (requests that carry `id`, `email` or `uuid`). Over either: 429 with `Retry-After`, the
/// seconds left in the window. A refused request is not counted.
struct RateLimiter: Sendable {
    var limits: SandboxRateLimits
    var window = Int.min
    var keyCount = 0
    var userCounts: [String: Int] = [:]

    init(limits: SandboxRateLimits) {
        self.limits = limits
    }

    /// Counts the request, or returns the `Retry-After` seconds when it is over a limit.
    mutating func admit(user: String?, at now: Date) -> Int? {
        let seconds = now.timeIntervalSince1970
        let current = Int((seconds / 60).rounded(.down))
        if current != window {
            window = current
            keyCount = 0
            userCounts.removeAll(keepingCapacity: true)
        }
        let retryAfter = max(1, Int((Double(current + 1) * 60 - seconds).rounded(.up)))
        if let limit = limits.perKeyPerMinute, keyCount >= limit { return retryAfter }
        if let user, let limit = limits.perUserPerMinute, userCounts[user, default: 0] >= limit { return retryAfter }
        keyCount += 1
        if let user, limits.perUserPerMinute != nil { userCounts[user, default: 0] += 1 }
        return nil
    }
}

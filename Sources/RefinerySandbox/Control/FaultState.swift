import RefineryJSON

/// Injected trouble for /v1 requests, set through `POST /_sandbox/faults`: latency before every
/// answer, a ratio of 500 answers, and a number of forced 429 answers.
struct FaultState: Sendable {
    var latencySeconds = 0.0
    var errorRate = 0.0
    var forcedRateLimits = 0
    var retryAfter = 30
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed ^ 0xFA01_7FA0)
    }

    /// The error to answer this request with, if any (deterministic for a given seed).
    mutating func decide() -> SandboxError? {
        if forcedRateLimits > 0 {
            forcedRateLimits -= 1
            return .tooManyRequests(retryAfter: retryAfter)
        }
        if errorRate > 0, random.nextUnit() < errorRate {
            return SandboxError(status: 500, body: ["error": "Internal server error (injected by the sandbox)"])
        }
        return nil
    }

    var json: JSONValue {
        [
            "latency_ms": .int(Int(latencySeconds * 1000)), "error_rate": .double(errorRate),
            "force_429": .int(forcedRateLimits), "retry_after": .int(retryAfter),
        ]
    }
}

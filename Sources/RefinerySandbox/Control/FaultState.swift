import RefineryHTTP
import RefineryJSON

/// Injected trouble for /v1 requests, set through `POST /_sandbox/faults`: latency before every
/// answer, a ratio of 500 answers, a ratio of 200 answers that are not pages of the API (what a captive
/// portal or a misconfigured proxy sends), and a number of forced 429 answers.
struct FaultState: Sendable {
    var latencySeconds = 0.0
    var errorRate = 0.0
    var malformedRate = 0.0
    var forcedRateLimits = 0
    var retryAfter = 30
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed ^ 0xFA01_7FA0)
    }

    /// The answer to give this request instead of the API's, if any (deterministic for a given seed).
    mutating func decide() -> HTTPResponse? {
        if forcedRateLimits > 0 {
            forcedRateLimits -= 1
            return SandboxError.tooManyRequests(retryAfter: retryAfter).response
        }
        if errorRate > 0, random.nextUnit() < errorRate {
            return SandboxError(status: 500, body: ["error": "Internal server error (injected by the sandbox)"]).response
        }
        if malformedRate > 0, random.nextUnit() < malformedRate {
            return Self.notAPage
        }
        return nil
    }

    /// A 200 answer in HTML, as a proxy's sign-in or maintenance page.
    static let notAPage = HTTPResponse(
        status: 200, headers: ["Content-Type": "text/html; charset=utf-8"],
        body: Array("<!doctype html><html><body><h1>Please sign in to the network</h1></body></html>".utf8)
    )

    var json: JSONValue {
        [
            "latency_ms": .int(Int(latencySeconds * 1000)), "error_rate": .double(errorRate), "malformed_rate": .double(malformedRate),
            "force_429": .int(forcedRateLimits), "retry_after": .int(retryAfter),
        ]
    }
}

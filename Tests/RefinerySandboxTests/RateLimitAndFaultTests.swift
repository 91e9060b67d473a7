import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct RateLimitAndFaultTests {
    @Test func limitsRequestsPerKeyWithRetryAfter() async {
        let harness = SandboxHarness(seed: .empty, rateLimits: SandboxRateLimits(perKeyPerMinute: 5, perUserPerMinute: nil))
        harness.clock.advance(seconds: 15)
        for _ in 0..<5 { #expect(await harness.call(.get, "/v1/").status == 200) }
        let limited = await harness.call(.get, "/v1/")
        #expect(limited.status == 429)
        #expect(limited.body == ["error": "Too many requests"])
        #expect(limited.headers["Retry-After"] == "45")
        harness.clock.advance(seconds: 45)
        #expect(await harness.call(.get, "/v1/").status == 200)
    }

    @Test func limitsRequestsPerUser() async {
        let harness = SandboxHarness(seed: .empty, rateLimits: SandboxRateLimits(perKeyPerMinute: 100, perUserPerMinute: 2))
        for _ in 0..<2 { #expect(await harness.call(.post, "/v1/identify-user", json: ["id": "busy"]).status == 200) }
        #expect(await harness.call(.post, "/v1/identify-user", json: ["id": "busy"]).status == 429)
        #expect(await harness.call(.post, "/v1/identify-user", json: ["id": "other"]).status == 200)
        #expect(await harness.call(.get, "/v1/").status == 200)
    }

    @Test func usesRefinersLimitsByDefault() {
        #expect(SandboxConfiguration().rateLimits == SandboxRateLimits(perKeyPerMinute: 4000, perUserPerMinute: 100))
    }

    @Test func injectsForced429sErrorsAndLatency() async {
        let harness = SandboxHarness(seed: .empty)
        let set = await harness.call(.post, "/_sandbox/faults", json: ["force_429": 2, "retry_after": 7, "latency_ms": 250])
        #expect(set.body["force_429"] == 2)
        for _ in 0..<2 {
            let response = await harness.call(.get, "/v1/")
            #expect(response.status == 429)
            #expect(response.headers["Retry-After"] == "7")
        }
        #expect(await harness.call(.get, "/v1/").status == 200)
        #expect(harness.clock.sleeps == [0.25, 0.25, 0.25])
        await harness.call(.post, "/_sandbox/faults", json: ["error_rate": 1, "latency_ms": 0])
        let failed = await harness.call(.get, "/v1/")
        #expect(failed.status == 500)
        #expect(await harness.call(.post, "/_sandbox/faults", json: ["error_rate": 2]).status == 400)
    }
}

import Foundation
import RefineryHTTP
import RefineryTesting
import Testing

@Suite struct RetrierTests {
    let clock = VirtualRunClock(now: Date(timeIntervalSince1970: 1_767_225_600))

    func retrier(_ policy: RetryPolicy = RetryPolicy(), random: Double = 0) -> Retrier {
        Retrier(policy: policy, clock: clock, random: { random })
    }

    func get(_ target: String = "https://api.example.com/v1/contacts?api_key=k") -> HTTPRequest {
        HTTPRequest(method: .get, target: target)
    }

    @Test(arguments: [500, 502, 503, 504, 429])
    func retriesRetryableStatusesWithExponentialBackoff(status: Int) async throws {
        let stub = StubTransport(statuses: [status, status, 200])
        let response = try await retrier().send(get(), through: stub)
        #expect(response.status == 200)
        #expect(stub.requests.count == 3)
        #expect(clock.sleeps == [0.5, 1.0])
    }

    @Test func jitterAddsUpToItsFractionOfTheDelay() async throws {
        let stub = StubTransport(statuses: [503, 503, 503, 200])
        _ = try await retrier(random: 0.5).send(get(), through: stub)
        #expect(clock.sleeps == [0.55, 1.1, 2.2])
    }

    @Test func backoffIsCappedAtMaxWait() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, factor: 10, jitter: 0, maxWait: 30)
        #expect(policy.backoff(retry: 1, random: 0) == 1)
        #expect(policy.backoff(retry: 2, random: 0) == 10)
        #expect(policy.backoff(retry: 3, random: 0) == 30)
    }

    @Test func givesUpAfterMaxAttemptsAndReturnsTheLastResponse() async throws {
        let stub = StubTransport(statuses: [503])
        let response = try await retrier(RetryPolicy(maxAttempts: 3)).send(get(), through: stub)
        #expect(response.status == 503)
        #expect(stub.requests.count == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test(arguments: [400, 401, 404, 422, 501])
    func doesNotRetryOtherStatuses(status: Int) async throws {
        let stub = StubTransport(statuses: [status, 200])
        let response = try await retrier().send(get(), through: stub)
        #expect(response.status == status)
        #expect(stub.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func postIsNotRetriedUnlessMarkedSafe() async throws {
        let post = HTTPRequest(method: .post, target: "https://api.example.com/v1/identify-user")
        let unsafe = StubTransport(statuses: [503, 200])
        #expect(try await retrier().send(post, through: unsafe).status == 503)
        #expect(unsafe.requests.count == 1)
        let safe = StubTransport(statuses: [503, 200])
        #expect(try await retrier().send(post, through: safe, retrySafe: true).status == 200)
        #expect(safe.requests.count == 2)
    }

    @Test func retryAfterInSecondsIsHonouredExactly() async throws {
        let limited = HTTPResponse(status: 429, headers: ["Retry-After": "7"])
        let stub = StubTransport([.response(limited), .response(HTTPResponse(status: 200))])
        _ = try await retrier(random: 0.9).send(get(), through: stub)
        #expect(clock.sleeps == [7])
    }

    @Test func retryAfterAsHTTPDateIsHonouredExactly() async throws {
        // The clock starts at 2026-01-01T00:00:00Z; the server asks to come back 12 s later.
        let limited = HTTPResponse(status: 503, headers: ["Retry-After": "Thu, 01 Jan 2026 00:00:12 GMT"])
        let stub = StubTransport([.response(limited), .response(HTTPResponse(status: 200))])
        _ = try await retrier(random: 0.9).send(get(), through: stub)
        #expect(clock.sleeps == [12])
    }

    @Test func retryAfterBeyondTheCapFailsWithRateLimitExceeded() async throws {
        let limited = HTTPResponse(status: 429, headers: ["Retry-After": "3600"])
        let stub = StubTransport([.response(limited)])
        let error = try await #require(throws: RateLimitExceeded.self) {
            try await retrier().send(get(), through: stub)
        }
        #expect(error.requestedWait == 3600)
        #expect(error.status == 429)
        #expect(!error.description.contains("api_key"))
        #expect(clock.sleeps.isEmpty)
    }

    @Test func networkFailuresAreRetriedAndTheLastOneThrown() async throws {
        let stub = StubTransport([.failure(HTTPTransportError(.connectionFailed, "refused"))])
        let error = try await #require(throws: HTTPTransportError.self) {
            try await retrier(RetryPolicy(maxAttempts: 2)).send(get(), through: stub)
        }
        #expect(error.kind == .connectionFailed)
        #expect(stub.requests.count == 2)
    }

    @Test func invalidURLIsNotRetried() async throws {
        let stub = StubTransport([.failure(HTTPTransportError(.invalidURL, "bad"))])
        await #expect(throws: HTTPTransportError.self) { try await retrier().send(get(), through: stub) }
        #expect(stub.requests.count == 1)
    }

    @Test func cancellationStopsTheLoop() async throws {
        let stub = StubTransport(statuses: [503])
        let task = Task { try await retrier().send(get(), through: stub) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func retryingTransportWrapsATransport() async throws {
        let stub = StubTransport(statuses: [502, 200])
        let transport = RetryingTransport(stub, retrier: retrier())
        #expect(try await transport.send(get()).status == 200)
        #expect(stub.requests.count == 2)
    }
}

@Suite struct RetryAfterTests {
    @Test(arguments: [
        ("120", 120.0),
        ("0", 0.0),
        ("Thu, 01 Jan 2026 00:01:00 GMT", 60.0),
        ("01 Jan 2026 00:00:30 GMT", 30.0),
        ("Wed, 31 Dec 2025 23:00:00 GMT", 0.0),
    ])
    func parsesBothForms(text: String, wait: Double) throws {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        let parsed = try #require(RetryAfter(text))
        #expect(parsed.wait(from: now) == wait)
    }

    @Test(arguments: ["", "-5", "soon", "Thu, 32 Jan 2026 00:00:00 GMT", "1.5"])
    func rejectsGarbage(text: String) {
        #expect(RetryAfter(text) == nil)
    }

    /// Numbers beyond `Int` (a year of nine digits, seconds of twenty) are waits beyond any cap: a clear
    /// `RateLimitExceeded`, never an overflow trap in the day arithmetic or the message.
    @Test(arguments: [
        "Fri, 31 Dec 999999999 23:59:59 GMT", "Fri, 31 Dec 99999999999999999999999 23:59:59 GMT",
        "9223372036854775807", "99999999999999999999999999999",
    ])
    func hugeRetryAfterIsARateLimitErrorNotATrap(text: String) async throws {
        let clock = VirtualRunClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let limited = HTTPResponse(status: 429, headers: ["Retry-After": text])
        let retrier = Retrier(policy: RetryPolicy(), clock: clock, random: { 0 })
        let error = try await #require(throws: RateLimitExceeded.self) {
            try await retrier.send(HTTPRequest(method: .get, target: "https://api.example.com/v1/x"), through: StubTransport([.response(limited)]))
        }
        #expect(error.requestedWait > 1e11)
        #expect(error.description.contains("more than the cap of 60 s"), "\(error.description)")
        #expect(clock.sleeps.isEmpty)
    }

    @Test func yearZeroIsNotADate() {
        #expect(RetryAfter("Sat, 01 Jan 0000 00:00:00 GMT") == nil)
    }

    @Test(arguments: [(-1.0, UInt64(0)), (.nan, 0), (1.5, 1_500_000_000), (1e300, 31_622_400_000_000_000), (.infinity, 31_622_400_000_000_000)])
    func sleepsSaturateAtTheLongestWait(seconds: Double, nanoseconds: UInt64) {
        #expect(InputLimits.sleepNanoseconds(seconds) == nanoseconds)
    }

    @Test func knownDateMatchesFoundation() throws {
        let parsed = try #require(RetryAfter("Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(parsed == .date(Date(timeIntervalSince1970: 784_111_777)))
    }
}

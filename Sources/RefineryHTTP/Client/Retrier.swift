import Foundation

/// Sends a request through a transport, retrying 429, retryable 5xx and network failures by a
/// `RetryPolicy`. Time comes from the injected `RunClock` and jitter from the injected random source, so
/// tests run on a `VirtualRunClock` and never sleep.
///
/// Only idempotent requests are retried (GET, HEAD, PUT, DELETE, OPTIONS), or any request the caller
/// marks safe. When all attempts are used, the last response is returned (or the last failure thrown);
/// a `Retry-After` longer than `policy.maxWait` throws `RateLimitExceeded` at once.
public struct Retrier: Sendable {
    public var policy: RetryPolicy
    public let clock: any RunClock
    /// A number in `0..<1` for jitter.
    public let random: @Sendable () -> Double

    public init(
        policy: RetryPolicy = RetryPolicy(),
        clock: any RunClock,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.policy = policy
        self.clock = clock
        self.random = random
    }

    /// Sends `request`, retrying when it is idempotent or `retrySafe`. With a `deadline`, each attempt
    /// gets what is left of it as its timeout, no retry waits past it, and a call that runs out throws
    /// `DeadlineExceeded`.
    public func send(
        _ request: HTTPRequest,
        through transport: any HTTPTransport,
        retrySafe: Bool = false,
        deadline: CallDeadline? = nil
    ) async throws -> HTTPResponse {
        let mayRetry = request.method.isIdempotent || retrySafe
        var attempt = 1
        var lastFailure: String?
        while true {
            try Task.checkCancellation()
            var sent = request
            if let deadline {
                guard !deadline.isPassed else { throw exceeded(deadline, request, attempts: attempt - 1, lastFailure: lastFailure) }
                sent.timeout = min(request.timeout ?? .infinity, deadline.remaining)
            }
            let outcome = await timed(deadline) { await Self.attempt(sent, through: transport) }
            lastFailure = Self.describe(outcome)
            guard mayRetry, attempt < policy.maxAttempts, let wait = try waitBeforeRetry(outcome, retry: attempt, request: request) else {
                if let deadline, deadline.isPassed, case .failure = outcome {
                    throw exceeded(deadline, request, attempts: attempt, lastFailure: lastFailure)
                }
                return try outcome.get()
            }
            if let deadline, wait >= deadline.remaining {
                throw exceeded(deadline, request, attempts: attempt, lastFailure: lastFailure)
            }
            try await timed(deadline) { try await clock.sleep(seconds: wait) }
            attempt += 1
        }
    }

    /// Runs `work`, charging the time it took on the run's clock to `deadline`.
    private func timed<T>(_ deadline: CallDeadline?, _ work: () async throws -> T) async rethrows -> T {
        let started = clock.now
        defer { deadline?.spend(clock.now.timeIntervalSince(started)) }
        return try await work()
    }

    private func exceeded(_ deadline: CallDeadline, _ request: HTTPRequest, attempts: Int, lastFailure: String?) -> DeadlineExceeded {
        DeadlineExceeded(seconds: deadline.seconds, target: "\(request.method) \(request.target.prefix { $0 != "?" })", attempts: attempts, lastFailure: lastFailure)
    }

    static func describe(_ outcome: Result<HTTPResponse, any Error>) -> String {
        switch outcome {
        case .success(let response): "HTTP \(response.status)"
        case .failure(let error as HTTPTransportError): error.message
        case .failure(let error): String(describing: error)
        }
    }

    static func attempt(_ request: HTTPRequest, through transport: any HTTPTransport) async -> Result<HTTPResponse, any Error> {
        do {
            return .success(try await transport.send(request))
        } catch {
            return .failure(error)
        }
    }

    /// How long to wait before retry number `retry`, or nil when the outcome is final.
    func waitBeforeRetry(_ outcome: Result<HTTPResponse, any Error>, retry: Int, request: HTTPRequest) throws -> Double? {
        switch outcome {
        case .success(let response):
            guard policy.retryableStatuses.contains(response.status) else { return nil }
            return try wait(for: response, retry: retry, request: request)
        case .failure(let error):
            guard let failure = error as? HTTPTransportError, policy.isRetryable(failure) else { return nil }
            return policy.backoff(retry: retry, random: random())
        }
    }

    func wait(for response: HTTPResponse, retry: Int, request: HTTPRequest) throws -> Double {
        guard let header = response.headers["Retry-After"], let retryAfter = RetryAfter(header) else {
            return policy.backoff(retry: retry, random: random())
        }
        let wait = retryAfter.wait(from: clock.now)
        guard wait <= policy.maxWait else {
            throw RateLimitExceeded(
                status: response.status, requestedWait: wait, maxWait: policy.maxWait,
                target: "\(request.method) \(request.target.prefix { $0 != "?" })"
            )
        }
        return wait
    }
}

/// A transport that retries through a `Retrier`: drop it in wherever a transport is expected.
public struct RetryingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let retrier: Retrier

    public init(_ base: any HTTPTransport, retrier: Retrier) {
        self.base = base
        self.retrier = retrier
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await retrier.send(request, through: base)
    }

    /// Sends a request that may be retried even when its method is not idempotent.
    public func send(_ request: HTTPRequest, retrySafe: Bool) async throws -> HTTPResponse {
        try await retrier.send(request, through: base, retrySafe: retrySafe)
    }
}

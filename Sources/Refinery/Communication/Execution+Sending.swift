import RefineryHTTP
import RefineryJSON

extension Execution {
    /// Sends through the retrier, repeating while `repeat.condition` holds; maps transport failures to
    /// Make's error types.
    mutating func send(_ request: HTTPRequest, spec: RequestSpec) async throws -> HTTPResponse {
        var response = try await sendOnce(request, spec: spec)
        guard let repetition = spec.repetition else { return response }
        var count = 1
        while count < repetition.limit {
            setResponseScope(response, body: (try? ResponseParsing.automatic(response)) ?? .null)
            guard Truthiness.isTrue(try evaluate(repetition.condition)) else { break }
            try await environment.clock.sleep(seconds: Double(repetition.delayMilliseconds) / 1000)
            response = try await sendOnce(request, spec: spec)
            count += 1
        }
        return response
    }

    /// One request with its retries, following the redirects `spec` allows (credentials only to the
    /// first request's origin).
    func sendOnce(_ request: HTTPRequest, spec: RequestSpec) async throws -> HTTPResponse {
        let redactor = redactor
        let follower = RedirectFollower(policy: spec.redirects.policy(over: app.base.redirects)) { redactor.contains($0) }
        do {
            return try await follower.send(request) { hop in
                try await environment.retrier.send(hop, through: environment.transport, retrySafe: spec.retrySafe, deadline: deadline)
            }
        } catch let refused as RedirectRefused {
            var error = ModuleError(.connection, code: "http.redirect-refused", message: redactor.redact(refused.description))
            error.status = refused.status
            throw error
        } catch let exceeded as DeadlineExceeded {
            throw ModuleError(.connection, code: "http.deadline", message: InterpreterMessages.deadline(redactor.redact(exceeded.description)))
        } catch let limited as RateLimitExceeded {
            var error = ModuleError(.rateLimit, code: "http.rate-limit", message: InterpreterMessages.rateLimited(redactor.redact(limited.description)))
            error.status = limited.status
            throw error
        } catch let failure as HTTPTransportError {
            if failure.kind == .cancelled { throw CancellationError() }
            let target = String(request.target.prefix { $0 != "?" })
            let code = failure.kind == .invalidURL ? "module.invalid-url" : "http.network"
            let kind: ModuleError.Kind = failure.kind == .invalidURL ? .invalidConfiguration : .connection
            throw ModuleError(kind, code: code, message: InterpreterMessages.network(redactor.redact("\(request.method) \(target)"), failure.message))
        }
    }

    mutating func setResponseScope(_ response: HTTPResponse, body: JSONValue) {
        scope["body"] = body
        scope["headers"] = ResponseParsing.headers(response.headers)
        scope["statusCode"] = .int(response.status)
    }
}

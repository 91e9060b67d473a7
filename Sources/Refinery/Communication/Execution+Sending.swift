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
        try await ModuleRequestSender.send(
            request, redirects: spec.redirects.policy(over: app.base.redirects), retrySafe: spec.retrySafe,
            environment: environment, deadline: deadline, redactor: redactor
        )
    }

    mutating func setResponseScope(_ response: HTTPResponse, body: JSONValue) {
        scope["body"] = body
        scope["headers"] = ResponseParsing.headers(response.headers)
        scope["statusCode"] = .int(response.status)
    }
}

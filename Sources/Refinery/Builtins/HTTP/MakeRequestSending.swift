import RefineryHTTP
import RefineryJSON

/// Builds, sends and reads `http:MakeRequest`'s one request.
enum MakeRequestSending {
    static func request(_ input: MakeRequestInput) -> HTTPRequest {
        var query = input.query
        var headers = HTTPHeaders()
        for header in input.headers { headers.add(header.name, header.value) }
        switch input.authentication {
        case .none: break
        case .header(let name, let value): headers[name] = value
        case .query(let name, let value): query.append((name, value))
        }
        var body: [UInt8] = []
        if case .content(let type, let bytes) = input.body {
            if !headers.contains("Content-Type") { headers["Content-Type"] = type }
            body = bytes
        }
        return HTTPRequest(method: input.method, target: target(input.url, query: query), headers: headers, body: body)
    }

    /// `url` with `query` appended (after any query it already has), before its fragment.
    static func target(_ url: String, query: [(name: String, value: String)]) -> String {
        let base = String(url.prefix { $0 != "#" })
        guard !query.isEmpty else { return base }
        let encoded = FormURLEncoding.encode(query.map { ($0.name, $0.value) })
        if base.hasSuffix("?") || base.hasSuffix("&") { return base + encoded }
        return base + (base.contains("?") ? "&" : "?") + encoded
    }

    /// Follows same-origin redirects when `allowRedirects`; another origin only when the request carries
    /// no credentials of a connection (then without `Authorization` and `Cookie`), else refused.
    static func policy(_ input: MakeRequestInput) -> RedirectPolicy {
        guard input.allowRedirects else { return RedirectPolicy(followsSafeMethods: false, followsOtherMethods: false) }
        let credentialed = input.authentication != .none || !input.secrets.isEmpty
        return RedirectPolicy(crossOrigin: credentialed ? .refuse : .withoutCredentials)
    }

    static func send(
        _ request: HTTPRequest, input: MakeRequestInput, environment: ModuleEnvironment, deadline: CallDeadline, redactor: OutputRedactor
    ) async throws -> HTTPResponse {
        try await ModuleRequestSender.send(
            request, redirects: policy(input), retrySafe: false, environment: environment, deadline: deadline, redactor: redactor
        )
    }

    /// `{statusCode, headers, data}`; with `stopOnHttpError`, a status of 400 or more is an error typed
    /// as app modules type it (429 `RateLimitError`, 5xx `ConnectionError`, the rest `RuntimeError`).
    static func output(_ response: HTTPResponse, input: MakeRequestInput, request: HTTPRequest, redactor: OutputRedactor) throws(ModuleError) -> JSONValue {
        if input.stopOnHttpError, response.status >= 400 {
            let excerpt = ModuleRequestSender.excerpt(response.body, redactor: redactor)
            var error = ModuleError(ModuleError.defaultKind(forStatus: response.status), code: "http.status",
                                    message: redactor.redact(InterpreterMessages.statusError(response.status, excerpt: excerpt)))
            error.status = response.status
            error.bodyExcerpt = excerpt.isEmpty ? nil : excerpt
            throw error
        }
        return .object([
            "statusCode": .int(response.status),
            "headers": ResponseParsing.headers(response.headers),
            "data": try data(response, parse: input.parseResponse),
        ])
    }

    /// Parsed JSON or form fields when `parse` and the Content-Type says so; otherwise the text.
    static func data(_ response: HTTPResponse, parse: Bool) throws(ModuleError) -> JSONValue {
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        if parse, contentType.contains("json"), !response.body.isEmpty { return try ResponseParsing.json(response.body) }
        if parse, contentType.contains("x-www-form-urlencoded") { return ResponseParsing.urlencoded(response.body) }
        return .string(String(decoding: response.body, as: UTF8.self))
    }
}

/// Turns live requests and responses into their stored form: allowed headers only (lowercase names,
/// sorted), origins rewritten, bodies classified, then every redaction rule applied.
struct InteractionCapture: Sendable {
    let redactor: Redactor
    let options: RecordingOptions

    func request(_ request: HTTPRequest, log: inout RedactionLog) -> RecordedRequest {
        let headers = kept(request.headers, allowed: options.requestHeaders, side: .request)
        let body = RecordedBody(capturing: request.body, contentType: request.headers["content-type"])
        let recorded = RecordedRequest(method: request.method, url: rewrite(request.target), headers: headers, body: body)
        return redactor.redact(recorded, log: &log)
    }

    func response(_ response: HTTPResponse, log: inout RedactionLog) -> RecordedResponse {
        let headers = kept(response.headers, allowed: options.responseHeaders, side: .response)
        let body = RecordedBody(capturing: response.body, contentType: response.headers["content-type"])
        return redactor.redact(RecordedResponse(status: response.status, headers: headers, body: body), log: &log)
    }

    func kept(_ headers: HTTPHeaders, allowed: Set<String>, side: SanitizePath.Side) -> HTTPHeaders {
        let fields = headers.fields.enumerated()
            .map { (name: $0.element.name.lowercased(), value: $0.element.value, position: $0.offset) }
            .filter { allowed.contains($0.name) || redactor.redactsHeader($0.name, on: side) }
            .sorted { ($0.name, $0.position) < ($1.name, $1.position) }
        return HTTPHeaders(fields.map { ($0.name, $0.value) })
    }

    func rewrite(_ url: String) -> String {
        for (origin, replacement) in options.origins.sorted(by: { $0.key.count > $1.key.count }) where url.hasPrefix(origin) {
            let rest = url.dropFirst(origin.count)
            if rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?") { return replacement + rest }
        }
        return url
    }
}

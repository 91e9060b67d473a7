/// One request and what came back: a response, or a failure where no response arrived (a timeout, a
/// refused connection), so that replays exercise the same retry paths as the recorded run.
public struct Interaction: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case response(RecordedResponse)
        case failure(HTTPTransportError)
    }

    public var request: RecordedRequest
    public var outcome: Outcome
    /// Seconds from the cassette's start to the moment the outcome arrived, to the millisecond.
    public var offset: Double

    public init(request: RecordedRequest, outcome: Outcome, offset: Double) {
        self.request = request
        self.outcome = outcome
        self.offset = offset
    }

    public var response: RecordedResponse? {
        if case .response(let response) = outcome { return response }
        return nil
    }
}

/// A request as stored: the URL with secrets redacted, the allowed headers (lowercase names, sorted),
/// and the body.
public struct RecordedRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: RecordedBody

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: RecordedBody = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The percent-decoded path of `url`, as matching compares it.
    public var path: String { HTTPRequest(method: method, target: url).path }

    /// The decoded query pairs of `url`, as matching compares them (order does not matter).
    public var queryItems: [(name: String, value: String)] { HTTPRequest(method: method, target: url).queryItems }

    /// `GET /v1/contacts?page=2`: method and URL without scheme and host, for messages.
    public var summary: String {
        let request = HTTPRequest(method: method, target: url)
        let query = request.query
        return "\(method) \(request.path)" + (query.isEmpty ? "" : "?\(query)")
    }
}

/// A response as stored: status, the allowed headers (lowercase names, sorted), and the body.
public struct RecordedResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: RecordedBody

    public init(status: Int, headers: HTTPHeaders = [:], body: RecordedBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The response a replay serves.
    public var httpResponse: HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: body.bytes)
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON
import Synchronization

/// A small stateful API for record/replay tests. It needs `Authorization: Bearer <apiKey>`, and echoes
/// the key back in a response body (as real APIs sometimes do), so redaction of responses is tested.
final class FakeAPI: HTTPHandler {
    static let apiKey = "sk_live_9f8e7d6c5b4a"
    static let password = "hunter2 and more"

    private let counter = Mutex(0)
    private let limited = Mutex(0)

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.headers["authorization"] == "Bearer \(Self.apiKey)" else {
            return .json(["error": "unauthorized"], status: 401)
        }
        switch (request.method, request.path) {
        case (.get, "/v1/contacts"): return contacts(request)
        case (.post, "/v1/identify-user"): return identify(request)
        case (.get, "/v1/counter"): return .json(["count": .int(counter.withLock { $0 += 1; return $0 })])
        case (.get, "/v1/limited"): return limitedOnce()
        case (.get, "/v1/text"): return .text("plain \(Self.apiKey) text", status: 200)
        default: return .json(["error": "not found"], status: 404)
        }
    }

    private func contacts(_ request: HTTPRequest) -> HTTPResponse {
        let page = Int(request.queryItems.first { $0.name == "page" }?.value ?? "1") ?? 1
        let items: [JSONValue] = (1...3).map { number in
            ["id": .int(page * 100 + number), "email": .string("c\(page)-\(number)@example.com")]
        }
        let next: JSONValue = page < 2 ? .int(page + 1) : .null
        return .json(["items": .array(items), "next_page": next], headers: ["Date": "Mon, 23 Nov 2026 10:00:00 GMT", "X-Request-Id": "\(page)"])
    }

    private func identify(_ request: HTTPRequest) -> HTTPResponse {
        let body = (try? request.jsonBody()) ?? .null
        return .json([
            "received": body,
            "token": "session-token-that-is-secret",
            "debug": .string("authenticated with key \(Self.apiKey) ok"),
        ])
    }

    private func limitedOnce() -> HTTPResponse {
        let calls = limited.withLock { $0 += 1; return $0 }
        if calls == 1 { return .json(["error": "slow down"], status: 429, headers: ["Retry-After": "3600"]) }
        return .json(["ok": true])
    }
}

enum ReplayFixtures {
    static let sanitize = ["request.headers.authorization", "request.qs.api_key", "response.body.token"]

    static func redactor() throws -> Redactor {
        try Redactor(
            secrets: [.init(name: "connection.apiKey", value: FakeAPI.apiKey), .init(name: "password", value: FakeAPI.password)],
            sanitize: sanitize
        )
    }

    static func temporaryFile(_ name: String = "run.cassette.json") -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("refinery-replay-tests")
            .appendingPathComponent(UUID().uuidString)
            .appendingPathComponent(name)
    }

    static func get(_ target: String) -> HTTPRequest {
        HTTPRequest(method: .get, target: "https://api.example.com" + target, headers: authorized)
    }

    static func post(_ target: String, _ body: JSONValue) -> HTTPRequest {
        var headers = authorized
        headers["Content-Type"] = "application/json"
        return HTTPRequest(method: .post, target: "https://api.example.com" + target, headers: headers, body: body.serializedBytes())
    }

    static var authorized: HTTPHeaders {
        ["Authorization": "Bearer \(FakeAPI.apiKey)", "Accept": "application/json", "User-Agent": "refinery-test"]
    }

    /// The requests of a small "run": two pages, a POST carrying the password, a counter read twice,
    /// and the api key in a query parameter.
    static var script: [HTTPRequest] {
        [
            get("/v1/contacts?page=1&page_length=3"),
            get("/v1/contacts?page_length=3&page=2"),
            post("/v1/identify-user", ["email": "ann@example.com", "password": .string(FakeAPI.password), "n": 1]),
            get("/v1/counter"),
            get("/v1/counter"),
            get("/v1/text?api_key=\(FakeAPI.apiKey)&x=1"),
        ]
    }

    /// Sends `requests` in order and returns what came back.
    static func run(_ requests: [HTTPRequest], through transport: any HTTPTransport) async throws -> [HTTPResponse] {
        var responses: [HTTPResponse] = []
        for request in requests { responses.append(try await transport.send(request)) }
        return responses
    }

    /// A minimal client retry: on 429, sleep Retry-After seconds on `clock` and send again (the real
    /// retry policy lives elsewhere; this stands in for it).
    static func sendRetrying(_ request: HTTPRequest, through transport: any HTTPTransport, clock: any RunClock) async throws -> HTTPResponse {
        let first = try await transport.send(request)
        guard first.status == 429, let wait = first.headers["retry-after"].flatMap(Double.init) else { return first }
        try await clock.sleep(seconds: wait)
        return try await transport.send(request)
    }

    static func bytes(of file: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: file))
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard pattern.count <= bytes.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}

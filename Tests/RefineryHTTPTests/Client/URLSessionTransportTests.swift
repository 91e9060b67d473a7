import RefineryHTTP
import Synchronization
import Testing

@Suite struct URLSessionTransportTests {
    @Test func refusedLoopbackConnectionIsAConnectionFailure() async throws {
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 5, resourceTimeout: 5))
        let error = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: .get, target: "http://127.0.0.1:1/v1/contacts"))
        }
        #expect(error.kind == .connectionFailed || error.kind == .other)
    }

    @Test(arguments: ["/relative", "ftp://127.0.0.1/x", "not a url"])
    func nonHTTPTargetsAreInvalid(target: String) async throws {
        let transport = URLSessionTransport()
        let error = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: .get, target: target))
        }
        #expect(error.kind == .invalidURL)
    }
}

/// Answers with what it received, so the test can check both directions.
struct TransportEchoHandler: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        HTTPResponse(
            status: request.path == "/missing" ? 404 : 201,
            headers: ["X-Method": request.method.rawValue, "X-Query": request.query, "X-Token": request.headers["X-Token"] ?? ""],
            body: request.body
        )
    }
}

@Suite struct URLSessionTransportLoopbackTests {
    @Test func sendsMethodHeadersAndBodyAndReturnsEveryStatus() async throws {
        let server = try HTTPServer(handler: TransportEchoHandler(), port: 0)
        try server.start()
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 10, resourceTimeout: 10))
        let request = HTTPRequest(method: .post, target: "\(server.baseURL)/v1/echo?a=1&b=x%20y",
                                  headers: ["X-Token": "t1", "Content-Type": "application/json", "Connection": "close"], body: Array(#"{"k":1}"#.utf8))
        let response = try await transport.send(request)
        let missing = try await transport.send(HTTPRequest(method: .get, target: "\(server.baseURL)/missing", headers: ["Connection": "close"]))
        await server.stop()
        #expect(response.status == 201)
        #expect(response.headers["x-method"] == "POST")
        #expect(response.headers["X-Query"] == "a=1&b=x%20y")
        #expect(response.headers["X-Token"] == "t1")
        #expect(response.body == Array(#"{"k":1}"#.utf8))
        #expect(missing.status == 404)
    }
}

/// Answers every request with `status` and a `Location`; counts what it receives.
final class LoopbackRedirector: HTTPHandler {
    let status: Int
    let location: String
    let received = Mutex<[HTTPRequest]>([])

    init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        received.withLock { $0.append(request) }
        return HTTPResponse(status: status, headers: ["Location": location, "Content-Length": "0"], body: [])
    }
}

@Suite struct URLSessionTransportRedirectTests {
    /// URLSession would follow a redirect itself and carry `Authorization` along; the transport hands
    /// every 3xx back instead, for `RedirectFollower` to decide.
    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectIsReturnedNotFollowed(status: Int) async throws {
        let receiver = LoopbackRedirector(status: 200, location: "")
        let elsewhere = try HTTPServer(handler: receiver, port: 0)
        try elsewhere.start()
        let api = try HTTPServer(handler: LoopbackRedirector(status: status, location: elsewhere.baseURL + "/steal"), port: 0)
        try api.start()
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 10, resourceTimeout: 10))
        let response = try await transport.send(HTTPRequest(
            method: .get, target: api.baseURL + "/v1/responses", headers: ["Authorization": "Bearer loopback-secret", "Connection": "close"]
        ))
        await api.stop()
        await elsewhere.stop()
        #expect(response.status == status)
        #expect(response.headers["Location"] == elsewhere.baseURL + "/steal")
        #expect(receiver.received.withLock { $0.isEmpty })
    }
}

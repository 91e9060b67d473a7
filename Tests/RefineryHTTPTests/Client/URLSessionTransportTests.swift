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

@Suite struct URLSessionTransportDeadlineTests {
    /// A body dripped a byte every 50 ms never trips the 40 s idle timeout; the whole-request deadline
    /// (here 1 s) ends the request as timed out.
    @Test func aDrippingBodyEndsAtTheWholeRequestDeadline() async throws {
        let server = try DripServer()
        defer { server.stop() }
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 40, resourceTimeout: 1))
        let started = ContinuousClock.now
        let error = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: .get, target: "http://127.0.0.1:\(server.port)/v1/contacts"))
        }
        // The timeout itself is the proof: without the deadline the drip ends in a complete 200 after 30 s.
        // The time bound is only a backstop, loose on purpose: a loaded `swift test` (CPU-bound suites
        // holding the cooperative pool's threads, PostgreSQL starting for its suites) resumed this test
        // over 30 s late, however punctually it was cut. The timed-out error is what proves the deadline.
        #expect(error.kind == .timedOut)
        #expect(error.message.contains("within 1 s"))
        #expect(ContinuousClock.now - started < .seconds(90), "ends at the deadline, not never")
    }

    /// A request's own timeout (what is left of its module call's deadline) ends it sooner than the
    /// transport's whole-request deadline.
    @Test func aRequestsOwnTimeoutEndsItSooner() async throws {
        let server = try DripServer()
        defer { server.stop() }
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 40, resourceTimeout: 300))
        var request = HTTPRequest(method: .get, target: "http://127.0.0.1:\(server.port)/v1/contacts")
        request.timeout = 0.5
        let error = try await #require(throws: HTTPTransportError.self) { try await transport.send(request) }
        #expect(error.kind == .timedOut)
        #expect(error.message.contains("within 0.5 s"), "\(error.message)")
    }

    @Test func cancellingTheCallerCancelsTheRequest() async throws {
        let server = try DripServer()
        defer { server.stop() }
        let transport = URLSessionTransport(configuration: .init(requestTimeout: 40, resourceTimeout: 300))
        let task = Task { try await transport.send(HTTPRequest(method: .get, target: "http://127.0.0.1:\(server.port)/v1/contacts")) }
        while server.accepted == 0 { await Task.yield() }
        task.cancel()
        let error = try await #require(throws: HTTPTransportError.self) { try await task.value }
        #expect(error.kind == .cancelled)
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

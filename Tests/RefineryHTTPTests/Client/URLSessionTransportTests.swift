import RefineryHTTP
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

import Foundation
import RefineryHTTP
import RefineryTesting
import Testing

@Suite struct HTTPServerTests {
    static func withServer(
        limits: HTTPServerLimits = .init(pollIntervalMilliseconds: 10), clock: any RunClock = SystemRunClock(),
        handler: any HTTPHandler = EchoHandler(), _ body: (HTTPServer) async throws -> Void
    ) async throws {
        let server = try HTTPServer(handler: handler, port: 0, limits: limits, clock: clock)
        try server.start()
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func reportsTheBoundPortAndAnswers() async throws {
        try await Self.withServer { server in
            #expect(server.port > 0)
            let response = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")
                return client.readResponse()
            }
            #expect(response?.status == 200)
            #expect(response.map { String(decoding: $0.body, as: UTF8.self) } == "POST /echo hi")
        }
    }

    @Test func keepsConnectionsAliveAndAcceptsBytesOneByOne() async throws {
        try await Self.withServer { server in
            let bodies = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                var bodies: [String] = []
                for index in 0..<3 {
                    for byte in "GET /\(index) HTTP/1.1\r\nHost: x\r\n\r\n".utf8 {
                        _ = client.socket.sendAll([byte])
                    }
                    guard let response = client.readResponse(), !response.closes else { break }
                    bodies.append(String(decoding: response.body, as: UTF8.self))
                }
                return bodies
            }
            #expect(bodies == ["GET /0 ", "GET /1 ", "GET /2 "])
        }
    }

    @Test(arguments: [
        ("\u{0}\u{1}garbage\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nContent-Length: 999999\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        ("GET /" + String(repeating: "a", count: 300) + " HTTP/1.1\r\n\r\n", 414),
    ])
    func answersBadInputAndCloses(text: String, status: Int) async throws {
        let limits = HTTPServerLimits(maxRequestLineBytes: 256, maxBodyBytes: 1000, pollIntervalMilliseconds: 10)
        try await Self.withServer(limits: limits) { server in
            let (response, closed) = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send(text)
                let response = client.readResponse()
                return (response, client.readsEndOfInput())
            }
            #expect(response?.status == status)
            #expect(response?.closes == true)
            #expect(closed)
        }
    }

    @Test func answersHeadWithoutBodyAndHonoursExpectContinue() async throws {
        try await Self.withServer { server in
            let (head, interim, final) = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send("HEAD /x HTTP/1.1\r\n\r\n")
                let head = client.readResponse(head: true)
                client.send("POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
                let interim = client.readResponse()
                client.send("abc")
                return (head, interim, client.readResponse())
            }
            #expect(head?.status == 200 && head?.body.isEmpty == true)
            #expect(interim?.status == 100)
            #expect(final.map { String(decoding: $0.body, as: UTF8.self) } == "POST /x abc")
        }
    }

    @Test func servesManyConcurrentConnections() async throws {
        try await Self.withServer { server in
            let port = server.port
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<40 {
                    group.addTask {
                        try await offPool {
                            var raw = try RawClient(port: port)
                            defer { raw.close() }
                            var ok = 0
                            for request in 0..<5 {
                                raw.send("POST /\(client) HTTP/1.1\r\nContent-Length: 1\r\n\r\n\(request)")
                                if raw.readResponse().map({ String(decoding: $0.body, as: UTF8.self) }) == "POST /\(client) \(request)" {
                                    ok += 1
                                }
                            }
                            return ok
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.count == 40)
            #expect(counts.allSatisfy { $0 == 5 })
        }
    }
}

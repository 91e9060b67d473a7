import Foundation
import RefineryHTTP
import RefineryTesting
import Testing

/// Slow clients and stopping, with a virtual clock: the test moves time, nothing sleeps.
@Suite struct HTTPServerTimeoutTests {
    static let limits = HTTPServerLimits(readTimeout: 5, idleTimeout: 20, pollIntervalMilliseconds: 5)

    /// Advances `clock` until the server reacts on `client`'s connection.
    static func advanceUntilReadable(_ clock: VirtualRunClock, _ client: RawClient, step: Double) -> Bool {
        for _ in 0..<400 {
            clock.advance(seconds: step)
            if client.socket.waitReadable(milliseconds: 10) == .readable { return true }
        }
        return false
    }

    @Test func answers408ToAClientTooSlowToSendItsRequest() async throws {
        let clock = VirtualRunClock()
        try await HTTPServerTests.withServer(limits: Self.limits, clock: clock) { server in
            let response = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send("GET / HTTP/1.1\r\nHost: slo")
                guard Self.advanceUntilReadable(clock, client, step: 1) else { return nil as RawClient.Response? }
                return client.readResponse()
            }
            #expect(response?.status == 408)
            #expect(response?.closes == true)
        }
    }

    @Test func closesIdleKeptAliveConnections() async throws {
        let clock = VirtualRunClock()
        try await HTTPServerTests.withServer(limits: Self.limits, clock: clock) { server in
            let (first, closed) = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send("GET / HTTP/1.1\r\n\r\n")
                let first = client.readResponse()
                guard Self.advanceUntilReadable(clock, client, step: 1) else { return (first, false) }
                return (first, client.readsEndOfInput())
            }
            #expect(first?.status == 200)
            #expect(closed)
        }
    }

    @Test func stopsGracefullyFinishingRequestsInProgress() async throws {
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (gate, gateContinuation) = AsyncStream<Void>.makeStream()
        let server = try HTTPServer(
            handler: EchoHandler(entered: enteredContinuation, gate: gate), port: 0,
            limits: HTTPServerLimits(pollIntervalMilliseconds: 5)
        )
        try server.start()
        let port = server.port
        async let response = offPool {
            var client = try RawClient(port: port)
            defer { client.close() }
            client.send("GET /slow HTTP/1.1\r\n\r\n")
            return client.readResponse()
        }
        for await _ in entered { break }
        let stopping = Task { await server.stop() }
        while !server.isStopping { await Task.yield() }
        gateContinuation.yield()
        let answered = try await response
        await stopping.value
        #expect(answered?.status == 200)
        #expect(answered?.closes == true)
        let refused = try await offPool { () -> Bool in
            guard var late = try? RawClient(port: port) else { return true }
            defer { late.close() }
            late.send("GET / HTTP/1.1\r\n\r\n")
            return late.readResponse() == nil
        }
        #expect(refused)
    }
}

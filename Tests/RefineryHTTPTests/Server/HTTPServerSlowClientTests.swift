import Foundation
import RefineryHTTP
import RefineryTesting
import Synchronization
import Testing

/// Slowloris clients, slow bodies and a connection cap held by slow sockets, against a live server on a
/// virtual clock: the test moves time (one second per byte a slow client sends), nothing sleeps.
@Suite(.timeLimit(.minutes(1))) struct HTTPServerSlowClientTests {
    /// Header and body deadlines far below the read and idle timeouts, so only they can cut.
    static let limits = HTTPServerLimits(
        headerTimeout: 5, bodyTimeout: 8, readTimeout: 1000, idleTimeout: 1000, pollIntervalMilliseconds: 5
    )

    /// Sends `text` one byte per virtual second until the server answers; the bytes sent, or nil if it never did.
    static func drip(_ text: String, to client: RawClient, clock: VirtualRunClock) -> Int? {
        for (index, byte) in text.utf8.enumerated() {
            _ = client.socket.sendAll([byte])
            clock.advance(seconds: 1)
            if client.socket.waitReadable(milliseconds: 10) == .readable { return index + 1 }
        }
        return nil
    }

    /// Polls `condition` (yielding between looks) for up to 10 s; whether it came true.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            await Task.yield()
        }
        return true
    }

    @Test func cutsASlowlorisThatDripsHeaderBytesAtTheHeaderDeadline() async throws {
        let clock = VirtualRunClock()
        try await HTTPServerTests.withServer(limits: Self.limits, clock: clock) { server in
            let (sent, response, closed) = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                let sent = Self.drip("POST /hooks/x HTTP/1.1\r\nHost: x\r\nX-Slow: " + String(repeating: "a", count: 300), to: client, clock: clock)
                let response = client.readResponse()
                return (sent, response, client.readsEndOfInput())
            }
            #expect((sent ?? 0) > 5, "every byte came within a second; the cut came after 5 s, not per byte")
            #expect(response?.status == 408)
            #expect(response.map { String(decoding: $0.body, as: UTF8.self) }?.contains("headers did not arrive within 5.0 seconds") == true)
            #expect(response?.closes == true)
            #expect(closed)
        }
    }

    @Test func cutsASlowBodyAtTheBodyDeadline() async throws {
        let clock = VirtualRunClock()
        try await HTTPServerTests.withServer(limits: Self.limits, clock: clock) { server in
            let (sent, response) = try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                defer { client.close() }
                client.send("POST /hooks/x HTTP/1.1\r\nContent-Length: 200\r\n\r\n")
                let sent = Self.drip(String(repeating: "b", count: 200), to: client, clock: clock)
                return (sent, client.readResponse())
            }
            #expect((sent ?? 0) > 8, "the header deadline (5 s) no longer applies once the headers are in")
            #expect(response?.status == 408)
            #expect(response.map { String(decoding: $0.body, as: UTF8.self) }?.contains("body did not arrive within 8.0 seconds") == true)
            #expect(response?.closes == true)
        }
    }

    /// Opens `count` sockets in turn, each one virtual second after the last, each doing `start` and
    /// registered by the server in `phase` before the next.
    static func hold(
        _ count: Int, _ phase: ConnectionPhase, server: HTTPServer, clock: VirtualRunClock,
        _ start: @escaping @Sendable (inout RawClient) -> Void
    ) async throws -> [RawClient] {
        var clients: [RawClient] = []
        for _ in 0..<count {
            let id = server.connectionRecords.count
            clients.append(try await offPool { [port = server.port] in
                var client = try RawClient(port: port)
                start(&client)
                return client
            })
            #expect(await eventually { server.connectionRecords[id]?.phase == phase })
            clock.advance(seconds: 1)
        }
        return clients
    }

    @Test func aCapHeldBySlowAndIdleSocketsStillAnswersANewcomer() async throws {
        let clock = VirtualRunClock()
        let limits = HTTPServerLimits(maxConnections: 8, pollIntervalMilliseconds: 5)
        try await HTTPServerTests.withServer(limits: limits, clock: clock) { server in
            let idle = try await Self.hold(2, .idle, server: server, clock: clock) { client in
                client.send("GET /keep HTTP/1.1\r\n\r\n")
                _ = client.readResponse()
            }
            let slow = try await Self.hold(3, .readingHead, server: server, clock: clock) { $0.send("GET / HTTP/1.1\r\nX-Slow: a") }
            let silent = try await Self.hold(3, .connected, server: server, clock: clock) { _ in }
            #expect(server.connectionRecords.count == 8)

            let statuses = try await offPool { [port = server.port] in
                try (0..<5).map { delivery in
                    var client = try RawClient(port: port)
                    defer { client.close() }
                    client.send("POST /hooks/\(delivery) HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
                    return client.readResponse()?.status
                }
            }
            let oldestIdleClosed = try await offPool { [client = idle[0]] in
                var client = client
                return client.readsEndOfInput()
            }
            #expect(statuses == [200, 200, 200, 200, 200])
            #expect(oldestIdleClosed, "the longest idle connection is the first shed, closed without an answer")
            #expect(server.connectionRecords.count <= 8)
            for client in idle + slow + silent { client.close() }
        }
    }

    @Test func answers503OnlyWhenEveryConnectionRunsAHandler() async throws {
        let handler = HeldHandler()
        let limits = HTTPServerLimits(maxConnections: 2, pollIntervalMilliseconds: 5)
        try await HTTPServerTests.withServer(limits: limits, handler: handler) { server in
            let port = server.port
            async let busy = withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await offPool {
                            var client = try RawClient(port: port)
                            defer { client.close() }
                            client.send("GET /held HTTP/1.1\r\n\r\n")
                            return client.readResponse()?.status
                        }
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(await Self.eventually { handler.waiting == 2 })
            let newcomer = try await offPool {
                var client = try RawClient(port: port)
                defer { client.close() }
                return client.readResponse()
            }
            handler.release()
            #expect(newcomer?.status == 503)
            #expect(newcomer?.closes == true)
            #expect(try await busy == [200, 200])
        }
    }
}

/// Holds every request until `release()`, so a test can fill the server with connections running a handler.
final class HeldHandler: HTTPHandler {
    private let state = Mutex((released: false, held: [CheckedContinuation<Void, Never>]()))

    /// Requests inside the handler, waiting.
    var waiting: Int { state.withLock { $0.held.count } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await withCheckedContinuation { continuation in
            let released = state.withLock { state in
                if !state.released { state.held.append(continuation) }
                return state.released
            }
            if released { continuation.resume() }
        }
        return .text("released", status: 200)
    }

    func release() {
        let held = state.withLock { state in
            state.released = true
            defer { state.held.removeAll() }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }
}

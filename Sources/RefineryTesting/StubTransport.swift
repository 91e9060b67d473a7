package import RefineryHTTP
import RefineryJSON
import Synchronization

/// A scripted transport for tests: answers with the given replies in order (the last one repeats), or
/// with a handler, and records every request it was sent.
package final class StubTransport: HTTPTransport {
    package enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(HTTPTransportError)
    }

    private let script: Mutex<[Reply]>
    private let handler: (@Sendable (HTTPRequest) async throws -> HTTPResponse)?
    private let log: Mutex<[HTTPRequest]>

    package init(_ replies: [Reply]) {
        precondition(!replies.isEmpty, "a stub transport needs at least one reply")
        self.script = Mutex(replies)
        self.handler = nil
        self.log = Mutex([])
    }

    package init(handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        self.script = Mutex([])
        self.handler = handler
        self.log = Mutex([])
    }

    /// Shorthand: a stub that answers every request with `status` (and an empty JSON object body).
    package convenience init(statuses: [Int], headers: HTTPHeaders = [:]) {
        self.init(statuses.map { .response(HTTPResponse.json([:], status: $0, headers: headers)) })
    }

    /// Every request sent so far, in order.
    package var requests: [HTTPRequest] { log.withLock { $0 } }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        if let handler { return try await handler(request) }
        let reply = script.withLock { replies in replies.count > 1 ? replies.removeFirst() : replies[0] }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

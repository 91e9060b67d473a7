/// Something that answers HTTP requests: the sandbox, the webhook receiver. The server serves one over
/// sockets; `InProcessTransport` calls one directly, with no sockets at all.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}

/// Sends requests and returns responses. Implementations: URLSession, in-process, record, replay.
/// A transport throws `HTTPTransportError` for failures where no response arrived; any response,
/// whatever its status, is returned.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A failure to get any response.
public struct HTTPTransportError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case connectionFailed, timedOut, cancelled, invalidURL, other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// A transport that hands each request to a handler in the same process: no sockets, no network.
public struct InProcessTransport: HTTPTransport {
    public let handler: any HTTPHandler

    public init(handler: any HTTPHandler) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        return await handler.handle(request)
    }
}

/// A transport for runs that must not touch the network (a replay in mode none, runs that send no
/// request): any request is a connection failure.
public struct OfflineTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw HTTPTransportError(.connectionFailed, "no network here (replay mode 'none', or a run that sends no request)")
    }
}

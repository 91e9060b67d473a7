import Foundation

/// One client connection, run on its own thread: read, parse, answer, repeat while kept alive.
struct HTTPConnection {
    let socket: Socket
    let server: HTTPServer
    var parser: HTTPRequestParser
    var buffer: [UInt8]
    var pending: ArraySlice<UInt8> = []
    /// When the first byte of the request being read arrived; nil between requests.
    var requestStarted: Date?
    var idleSince: Date

    init(socket: Socket, server: HTTPServer) {
        self.socket = socket
        self.server = server
        self.parser = HTTPRequestParser(limits: server.limits)
        self.buffer = [UInt8](repeating: 0, count: 64 * 1024)
        self.idleSince = server.clock.now
    }

    var limits: HTTPServerLimits { server.limits }

    mutating func run() {
        while true {
            if !pending.isEmpty {
                guard processPending() else { return }
                continue
            }
            guard !(server.isStopping && requestStarted == nil), !timedOut() else { return }
            switch socket.waitReadable(milliseconds: limits.pollIntervalMilliseconds) {
            case .timedOut:
                continue
            case .failed:
                return
            case .readable:
                guard let count = socket.receive(into: &buffer), count > 0 else { return }
                pending = ArraySlice(buffer[0..<count])
            }
        }
    }

    /// Parses buffered bytes and answers a complete request. False when the connection must close.
    mutating func processPending() -> Bool {
        if requestStarted == nil { requestStarted = server.clock.now }
        let (event, consumed) = parser.parse(pending)
        pending = pending.dropFirst(consumed)
        if pending.isEmpty { pending = [] }
        if parser.takeContinueRequest() {
            guard socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return false }
        }
        switch event {
        case .needMoreData:
            return true
        case .failed(let error):
            _ = socket.sendAll(HTTPResponse.serverError(error.status, error.message).wireBytes(keepAlive: false))
            socket.shutdownWrite()
            return false
        case .complete(let request):
            return answer(request)
        }
    }

    mutating func answer(_ request: HTTPRequest) -> Bool {
        let response = server.respond(to: request)
        let keepAlive = parser.keepAlive && !server.isStopping
        let bytes = response.wireBytes(keepAlive: keepAlive, includeBody: request.method != .head)
        guard socket.sendAll(bytes), keepAlive else { return false }
        parser.reset()
        requestStarted = nil
        idleSince = server.clock.now
        return true
    }

    /// Checks the read timeout (answered with 408) and the idle timeout (closed silently).
    mutating func timedOut() -> Bool {
        let now = server.clock.now
        if let requestStarted {
            guard now.timeIntervalSince(requestStarted) > limits.readTimeout else { return false }
            let message = "the request did not arrive within \(limits.readTimeout) seconds"
            _ = socket.sendAll(HTTPResponse.serverError(408, message).wireBytes(keepAlive: false))
            socket.shutdownWrite()
            return true
        }
        return now.timeIntervalSince(idleSince) > limits.idleTimeout
    }
}

import Foundation

/// One client connection, run on its own thread: read, parse, answer, repeat while kept alive.
///
/// It tells the server each phase it enters (`ConnectionPhase`) and checks the phase's deadline
/// between reads. A connection the server shed is closed at its next look (503 if a request was under
/// way) and never starts a handler.
struct HTTPConnection {
    let socket: Socket
    let server: HTTPServer
    /// The connection's key in the server's `ConnectionTable`.
    let id: Int
    var parser: HTTPRequestParser
    var buffer: [UInt8]
    var pending: ArraySlice<UInt8> = []
    var phase = ConnectionPhase.connected
    var phaseStarted: Date
    /// When the first byte of the request being read arrived (or the previous response ended, for a
    /// pipelined request already waiting); nil between requests.
    var requestStarted: Date?

    init(socket: Socket, server: HTTPServer, id: Int) {
        self.socket = socket
        self.server = server
        self.id = id
        self.parser = HTTPRequestParser(limits: server.limits)
        self.buffer = [UInt8](repeating: 0, count: 64 * 1024)
        self.phaseStarted = server.clock.now
    }

    var limits: HTTPServerLimits { server.limits }

    mutating func run() {
        while !server.isShed(id) {
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
        answerShed()
    }

    /// Parses buffered bytes and answers a complete request. False when the connection must close.
    mutating func processPending() -> Bool {
        if requestStarted == nil {
            guard enter(.readingHead) else { return answerShed() }
            requestStarted = phaseStarted
        }
        let (event, consumed) = parser.parse(pending)
        pending = pending.dropFirst(consumed)
        if pending.isEmpty { pending = [] }
        if phase == .readingHead, parser.isReadingBody, !enter(.readingBody) { return answerShed() }
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
            guard enter(.handling) else { return answerShed() }
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
        return enter(.idle)
    }

    /// Moves to `phase` here and in the server's table. False when the server shed this connection.
    mutating func enter(_ phase: ConnectionPhase) -> Bool {
        let now = server.clock.now
        guard server.enter(phase, id: id, at: now) else { return false }
        self.phase = phase
        phaseStarted = now
        return true
    }

    /// Closes a shed connection: a 503 when a request was under way, nothing when it was idle. False.
    @discardableResult
    func answerShed() -> Bool {
        guard phase == .readingHead || phase == .readingBody else { return false }
        let message = "the server is at its connection limit and this connection was the slowest"
        _ = socket.sendAll(HTTPResponse.serverError(503, message).wireBytes(keepAlive: false))
        socket.shutdownWrite()
        return false
    }

    /// Checks the deadline of the current phase: 408 for a request too slow to arrive, a quiet close
    /// for a connection idle too long. True when the connection must close.
    func timedOut() -> Bool {
        let now = server.clock.now
        switch limits.verdict(phase: phase, phaseStarted: phaseStarted, requestStarted: requestStarted, now: now) {
        case .inTime:
            return false
        case .closeQuietly:
            return true
        case .requestTimeout(let message):
            _ = socket.sendAll(HTTPResponse.serverError(408, message).wireBytes(keepAlive: false))
            socket.shutdownWrite()
            return true
        }
    }
}

/// An HTTP/1.1 request parser fed any number of bytes at a time (one is fine): it answers "need more
/// data" until a request is complete, then the request. A value type with no I/O; the connection
/// owns one and calls `reset()` between requests. Enforces `HTTPServerLimits`' size limits.
public struct HTTPRequestParser: Sendable {
    public enum Event: Sendable, Hashable {
        case needMoreData
        case complete(HTTPRequest)
        case failed(HTTPParseError)
    }

    enum State: Sendable {
        case requestLine, headers, body, done, failed
    }

    let limits: HTTPServerLimits
    var state = State.requestLine
    var line: [UInt8] = []
    var sawCR = false
    var emptyLinesBeforeRequest = 0
    var head = RequestHead()
    var headerBytes = 0
    var body: [UInt8] = []
    var bodyRemaining = 0
    var continueSent = false

    /// Whether the connection may stay open after the last complete request (HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public private(set) var keepAlive = true

    public init(limits: HTTPServerLimits = .init()) {
        self.limits = limits
    }

    /// Ready for the next request on the same connection.
    public mutating func reset() {
        self = HTTPRequestParser(limits: limits)
    }

    /// Whether the headers are complete and the body is being read.
    public var isReadingBody: Bool { state == .body }

    /// True once, when the headers asked for `Expect: 100-continue` and the body has not arrived yet.
    public mutating func takeContinueRequest() -> Bool {
        guard state == .body, !continueSent, head.expectsContinue else { return false }
        continueSent = true
        return true
    }

    /// Consumes bytes up to the end of one request. `consumed` tells how many were used: the rest
    /// belongs to the next request (pipelining).
    public mutating func parse(_ bytes: ArraySlice<UInt8>) -> (event: Event, consumed: Int) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch state {
            case .done, .failed:
                return (.needMoreData, index - bytes.startIndex)
            case .body:
                let count = min(bodyRemaining, bytes.endIndex - index)
                body.append(contentsOf: bytes[index..<(index + count)])
                bodyRemaining -= count
                index += count
                if bodyRemaining == 0 { return (finish(), index - bytes.startIndex) }
            case .requestLine, .headers:
                let event = consumeLineByte(bytes[index])
                index += 1
                if event != .needMoreData { return (event, index - bytes.startIndex) }
            }
        }
        return (.needMoreData, index - bytes.startIndex)
    }

    /// Feeds one byte of the request line or header section.
    mutating func consumeLineByte(_ byte: UInt8) -> Event {
        if sawCR {
            guard byte == UInt8(ascii: "\n") else { return fail(.malformed("a CR not followed by LF")) }
            sawCR = false
            return lineComplete()
        }
        switch byte {
        case UInt8(ascii: "\r"):
            sawCR = true
            return .needMoreData
        case UInt8(ascii: "\n"):
            return fail(.malformed("a line ends with a bare LF; HTTP lines end with CRLF"))
        default:
            line.append(byte)
            return checkLineLength()
        }
    }

    mutating func checkLineLength() -> Event {
        if state == .requestLine, line.count > limits.maxRequestLineBytes {
            return fail(HTTPParseError(status: 414, message: "the request line is longer than \(limits.maxRequestLineBytes) bytes"))
        }
        if state == .headers, headerBytes + line.count + 2 > limits.maxHeaderBytes {
            return fail(HTTPParseError(status: 431, message: "the header section is larger than \(limits.maxHeaderBytes) bytes"))
        }
        return .needMoreData
    }

    mutating func lineComplete() -> Event {
        let current = line
        line.removeAll(keepingCapacity: true)
        if state == .requestLine {
            return requestLineComplete(current)
        }
        headerBytes += current.count + 2
        if headerBytes > limits.maxHeaderBytes {
            return fail(HTTPParseError(status: 431, message: "the header section is larger than \(limits.maxHeaderBytes) bytes"))
        }
        if current.isEmpty { return headersComplete() }
        guard head.headers.count < limits.maxHeaderCount else {
            return fail(HTTPParseError(status: 431, message: "more than \(limits.maxHeaderCount) header fields"))
        }
        switch RequestHead.parseHeaderLine(current) {
        case .success(let field):
            head.headers.add(field.name, field.value)
            return .needMoreData
        case .failure(let error):
            return fail(error)
        }
    }

    mutating func requestLineComplete(_ current: [UInt8]) -> Event {
        if current.isEmpty {
            emptyLinesBeforeRequest += 1
            return emptyLinesBeforeRequest > 8 ? fail(.malformed("too many empty lines before the request")) : .needMoreData
        }
        switch RequestHead.parseRequestLine(current) {
        case .success(let parsed):
            head = parsed
            state = .headers
            return .needMoreData
        case .failure(let error):
            return fail(error)
        }
    }

    mutating func headersComplete() -> Event {
        switch head.bodyLength(limits: limits) {
        case .failure(let error):
            return fail(error)
        case .success(let length):
            keepAlive = head.keepAlive
            guard length > 0 else { return finish() }
            body.reserveCapacity(length)
            bodyRemaining = length
            state = .body
            return .needMoreData
        }
    }

    mutating func finish() -> Event {
        state = .done
        return .complete(HTTPRequest(method: head.method, target: head.target, headers: head.headers, body: body))
    }

    mutating func fail(_ error: HTTPParseError) -> Event {
        state = .failed
        keepAlive = false
        return .failed(error)
    }
}

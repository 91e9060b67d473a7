import Foundation
import RefineryTesting
import RefineryHTTP

/// A blocking socket client for server tests. Its calls block, so tests run it with `offPool`, on a
/// thread of its own, never on the cooperative pool the server's handlers need.
struct RawClient {
    struct Response {
        var status: Int
        var head: String
        var body: [UInt8]
        var closes: Bool { head.lowercased().contains("connection: close") }
    }

    let socket: Socket
    var buffer: [UInt8] = []

    init(port: Int) throws {
        socket = try Socket.connect(host: "127.0.0.1", port: port)
    }

    func send(_ text: String) {
        _ = socket.sendAll(Array(text.utf8))
    }

    /// Reads one response; nil if the connection ends (or nothing comes for 10 s) first.
    mutating func readResponse(head: Bool = false) -> Response? {
        while true {
            if let response = takeResponse(head: head) { return response }
            guard readMore() else { return nil }
        }
    }

    /// True when the server closed the connection (end of input) without sending anything more.
    mutating func readsEndOfInput() -> Bool {
        !readMore() && buffer.isEmpty
    }

    mutating func readMore(milliseconds: Int = 10_000) -> Bool {
        guard socket.waitReadable(milliseconds: milliseconds) == .readable else { return false }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        guard let count = socket.receive(into: &chunk), count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    mutating func takeResponse(head isHead: Bool) -> Response? {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = buffer.indices.first(where: { buffer[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        let length = head.split(separator: "\r\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first.map { isHead ? 0 : $0 } ?? 0
        let bodyStart = end + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let status = Int(head.split(separator: " ")[1]) ?? 0
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return Response(status: status, head: head, body: body)
    }

    func close() {
        socket.close()
    }
}

/// Answers with the method, path and body it got; `/slow` waits for `gate` first.
struct EchoHandler: HTTPHandler {
    let entered: AsyncStream<Void>.Continuation?
    let gate: AsyncStream<Void>?

    init(entered: AsyncStream<Void>.Continuation? = nil, gate: AsyncStream<Void>? = nil) {
        self.entered = entered
        self.gate = gate
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path == "/slow", let gate {
            entered?.yield()
            for await _ in gate { break }
        }
        let text = "\(request.method) \(request.path) \(String(decoding: request.body, as: UTF8.self))"
        return .text(text, status: 200)
    }
}

import Foundation
import RefineryHTTP
import Synchronization

/// The load generator of `SandboxBenchmark`, run in its own process: `connections` threads, each
/// with one keep-alive connection sending requests back to back for `seconds`. Prints
/// `{"requests": N, "failures": N, "bytes": N, "seconds": S}`.
enum SandboxLoadClient {
    struct Totals {
        var requests = 0
        var failures = 0
        var bytes = 0
    }

    static func main(arguments: [String]) {
        var values: [String: String] = [:]
        var iterator = arguments.makeIterator()
        while let name = iterator.next(), let value = iterator.next() { values[name] = value }
        let port = Int(values["--port"] ?? "") ?? 0
        let key = values["--key"] ?? ""
        let scenario = values["--scenario"] ?? "contacts"
        let seconds = Double(values["--seconds"] ?? "") ?? 5
        let connections = Int(values["--connections"] ?? "") ?? 4
        let contacts = max(1, Int(values["--contacts"] ?? "") ?? 100_000)
        let totals = Mutex(Totals())
        let group = DispatchGroup()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        for worker in 0..<connections {
            group.enter()
            Thread {
                let result = load(port: port, key: key, scenario: scenario, worker: worker, contacts: contacts, until: deadline)
                totals.withLock { $0.requests += result.requests; $0.failures += result.failures; $0.bytes += result.bytes }
                group.leave()
            }.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        let result = totals.withLock { $0 }
        print("{\"requests\": \(result.requests), \"failures\": \(result.failures), \"bytes\": \(result.bytes), \"seconds\": \(elapsed)}")
    }

    static func load(port: Int, key: String, scenario: String, worker: Int, contacts: Int, until deadline: Date) -> Totals {
        var totals = Totals()
        guard let socket = try? Socket.connect(host: "127.0.0.1", port: port) else { return totals }
        defer { socket.close() }
        var reader = ResponseReader(socket: socket)
        var number = worker
        while Date() < deadline {
            number += 7919
            guard socket.sendAll(request(scenario: scenario, key: key, number: number, contacts: contacts)),
                  let (status, size) = reader.next() else { break }
            totals.requests += 1
            totals.bytes += size
            if status != 200 {
                totals.failures += 1
                if totals.failures == 1 { FileHandle.standardError.write(Data("first failure: status \(status)\n".utf8)) }
            }
        }
        return totals
    }

    static func request(scenario: String, key: String, number: Int, contacts: Int) -> [UInt8] {
        if scenario == "contacts" {
            return Array("GET /v1/contacts?page_length=1000 HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer \(key)\r\n\r\n".utf8)
        }
        let body = "{\"id\":\"user-\(number % contacts + 1)\",\"plan\":\"pro\",\"logins\":\(number % 1000)}"
        return Array(("POST /v1/identify-user HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer \(key)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
    }
}

/// Reads `Content-Length` responses off a keep-alive connection.
struct ResponseReader {
    let socket: Socket
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 256 * 1024)

    init(socket: Socket) {
        self.socket = socket
    }

    /// The next response's status and size in bytes; nil when the connection ends.
    mutating func next() -> (Int, Int)? {
        var headEnd: Int?
        var total = 0
        var searched = 0
        while true {
            if headEnd == nil, let end = find(from: max(0, searched - 3)) {
                headEnd = end
                total = end + 4 + contentLength(buffer[..<end])
            }
            searched = buffer.count
            if let headEnd, buffer.count >= total {
                let status = Int(String(decoding: buffer[9..<min(12, headEnd)], as: UTF8.self)) ?? 0
                buffer.removeFirst(total)
                return (status, total)
            }
            guard let count = socket.receive(into: &chunk), count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func find(from start: Int) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    func contentLength(_ head: ArraySlice<UInt8>) -> Int {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        guard let range = text.range(of: "content-length:") else { return 0 }
        return Int(text[range.upperBound...].prefix { $0 != "\r\n" && $0 != "\r" }.trimmingCharacters(in: .whitespaces)) ?? 0
    }
}

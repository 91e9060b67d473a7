import Foundation
import Glibc
import Synchronization

/// A loopback server that answers every connection with headers promising a body of `length` bytes,
/// then sends it one byte every `interval` seconds, never falling silent long enough for an idle
/// timeout: what a slow-loris API does to a client. Stops when the client goes away.
final class DripServer: Sendable {
    let port: Int
    private let listener: Int32
    private let counter = Counter()

    var accepted: Int { counter.value }

    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    init(length: Int = 600, interval: Double = 0.05) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, size) == 0 && getsockname(listener, $0, &size) == 0 }
        }
        guard bound, listen(listener, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        let counter = counter
        Thread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                counter.increment()
                Thread { Self.drip(client, length: length, interval: interval) }.start()
            }
        }.start()
    }

    private static func drip(_ client: Int32, length: Int, interval: Double) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = recv(client, &buffer, buffer.count, 0)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        guard send(client, head, head.utf8.count, Int32(MSG_NOSIGNAL)) > 0 else { return }
        for _ in 0..<length {
            guard send(client, " ", 1, Int32(MSG_NOSIGNAL)) == 1 else { return }
            usleep(useconds_t(interval * 1_000_000))
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

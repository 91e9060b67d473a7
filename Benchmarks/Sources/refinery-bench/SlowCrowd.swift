import Foundation
import RefineryHTTP
import Synchronization

/// `size` sockets that send one byte of a never-ending request head a second each (a slowloris), on a
/// thread of their own. A socket the server answers or closes is counted and replaced at once.
final class SlowCrowd: Sendable {
    struct Counts: Sendable {
        /// Connections opened, the replacements included.
        var opened = 0
        /// Cut with 408 (a deadline).
        var timedOut = 0
        /// Shed to make room: answered 503 or closed without an answer.
        var shed = 0
    }

    static let head = Array("POST /hooks/bench HTTP/1.1\r\nHost: bench\r\nX-Slow: ".utf8)
    let port: Int
    let size: Int
    private let state = Mutex((stopping: false, counts: Counts()))
    private let done = DispatchSemaphore(value: 0)

    init(port: Int, size: Int) {
        self.port = port
        self.size = size
    }

    func start() {
        Thread { [self] in
            var sockets = (0..<size).compactMap { _ in open() }
            var sent = 0
            while !state.withLock({ $0.stopping }) {
                sockets = sockets.compactMap { dripOrReplace($0, byte: sent) }
                sent += 1
                Thread.sleep(forTimeInterval: 1)
            }
            for socket in sockets { socket.close() }
            done.signal()
        }.start()
    }

    /// Stops dripping, closes every socket and returns the counts.
    func stop() -> Counts {
        state.withLock { $0.stopping = true }
        done.wait()
        return state.withLock { $0.counts }
    }

    private func open() -> Socket? {
        guard let socket = try? Socket.connect(host: "127.0.0.1", port: port) else { return nil }
        state.withLock { $0.counts.opened += 1 }
        return socket
    }

    /// Sends the socket's next byte, or, when the server answered or closed it, counts why and opens
    /// another (nil when that fails).
    private func dripOrReplace(_ socket: Socket, byte: Int) -> Socket? {
        guard socket.waitReadable(milliseconds: 0) == .readable else {
            let next = byte < Self.head.count ? Self.head[byte] : UInt8(ascii: "a")
            _ = socket.sendAll([next])
            return socket
        }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = socket.receive(into: &buffer) ?? 0
        let status = count >= 12 ? Int(String(decoding: buffer[9..<12], as: UTF8.self)) : nil
        state.withLock { $0.counts.timedOut += status == 408 ? 1 : 0; $0.counts.shed += status == 408 ? 0 : 1 }
        socket.close()
        return open()
    }
}

import Dispatch
import Foundation
import Synchronization

/// A small HTTP/1.1 server that serves one `HTTPHandler` (the sandbox, the webhook receiver).
///
/// Binds in `init` (port 0: the system picks one, read it from `port`), serves after `start()`.
/// Blocking socket work runs on dedicated threads — one accepts, one per connection — never on the
/// Swift cooperative pool; each request is handed to the async handler and the thread waits for the
/// answer. Keep-alive, pipelining, `Content-Length` bodies, `Expect: 100-continue`, the limits of
/// `HTTPServerLimits` (deadlines per phase of a request; at the connection cap a newcomer sheds the
/// slowest connection, see `SheddingPolicy`). `stop()` stops accepting, closes idle connections, lets
/// requests in progress finish (answered with `Connection: close`), and returns when every connection
/// is closed.
public final class HTTPServer: Sendable {
    public let handler: any HTTPHandler
    public let host: String
    /// The port bound, known from `init` on (also when port 0 was asked for).
    public let port: Int
    public let limits: HTTPServerLimits
    let clock: any RunClock
    let listener: Socket
    let state: Mutex<ServerState>

    struct ServerState: ~Copyable {
        var started = false
        var stopping = false
        var acceptLoopDone = true
        /// Every open connection, shed or not; `stop()` waits until it is empty.
        var connections: ConnectionTable
        /// The socket of each connection in `connections`, to shed it. A connection's thread takes its
        /// socket out (under the lock) before closing it, so a shed never touches a reused descriptor.
        var sockets: [Int: Socket] = [:]
        var waiters: [CheckedContinuation<Void, Never>] = []

        init(capacity: Int) {
            connections = ConnectionTable(capacity: capacity)
        }
    }

    /// Binds to `host:port` (an IPv4 address; `localhost` means 127.0.0.1). `clock` measures the deadlines,
    /// the read and idle timeouts, and the phase times shedding compares (tests pass a virtual clock).
    public init(
        handler: any HTTPHandler, host: String = "127.0.0.1", port: Int = 0,
        limits: HTTPServerLimits = .init(), clock: any RunClock = SystemRunClock()
    ) throws(HTTPServerError) {
        self.handler = handler
        self.host = host
        self.limits = limits
        self.clock = clock
        self.state = Mutex(ServerState(capacity: limits.maxConnections))
        do {
            (listener, self.port) = try Socket.listen(host: host, port: port, backlog: 1024)
        } catch {
            throw HTTPServerError(message: "cannot listen on \(host):\(port): \(error)")
        }
    }

    /// `http://host:port`
    public var baseURL: String { "http://\(host):\(port)" }

    public var isStopping: Bool { state.withLock { $0.stopping } }

    /// Starts accepting connections on a dedicated thread. Calling it again does nothing.
    public func start() throws(HTTPServerError) {
        let alreadyStarted = state.withLock { state in
            defer { state.started = true }
            if !state.started && !state.stopping { state.acceptLoopDone = false }
            return state.started || state.stopping
        }
        guard !alreadyStarted else { return }
        Self.spawn(name: "http-accept") { [self] in acceptLoop() }
    }

    /// Stops accepting, lets requests in progress finish, closes every connection, then returns.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                state.stopping = true
                if state.acceptLoopDone && state.connections.isEmpty { return true }
                state.waiters.append(continuation)
                return false
            }
            if finished {
                closeListenerIfNeverStarted()
                continuation.resume()
            }
        }
    }

    func closeListenerIfNeverStarted() {
        let neverStarted = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        if neverStarted { listener.close() }
    }

    func acceptLoop() {
        while !isStopping {
            switch listener.waitReadable(milliseconds: limits.pollIntervalMilliseconds) {
            case .readable:
                while let client = listener.accept() { admit(client) }
            case .timedOut:
                continue
            case .failed:
                state.withLock { $0.stopping = true }
            }
        }
        listener.close()
        finishWork { $0.acceptLoopDone = true }
    }

    /// Updates the state and wakes `stop()` once nothing is left running.
    func finishWork(_ update: (inout ServerState) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            update(&state)
            guard state.stopping, state.acceptLoopDone, state.connections.isEmpty else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Runs the async handler from a connection thread and blocks that thread (not the pool) until it answers.
    /// The handler runs at high priority: answering (e.g. acknowledging a webhook) must not queue behind
    /// long work of the same process (the scenarios `serve` runs, or busy tests).
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let slot = ResponseSlot()
        let done = DispatchSemaphore(value: 0)
        let handler = handler
        Task(executorPreference: ServerExecutor.shared, priority: .high) {
            let response = await handler.handle(request)
            slot.value.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        return slot.value.withLock { $0 } ?? .serverError(500, "the handler gave no response")
    }

    static func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 512 * 1024
        thread.start()
    }
}

/// Where a handler's answer waits for the connection thread.
final class ResponseSlot: Sendable {
    let value = Mutex<HTTPResponse?>(nil)
}

/// The server could not bind or listen.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

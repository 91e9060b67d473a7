import RefineryHTTP
import Synchronization

/// One blocking connection to a PostgreSQL server (protocol v3, no TLS). Every operation waits on the
/// calling thread: run it off the cooperative pool. One operation runs at a time (a `Mutex` holds the
/// state; a second caller waits for the first). After a timeout, a broken socket or a protocol violation
/// the connection is closed and `isBroken` is true; it is never reused. Errors never show the password.
public final class PostgresConnection: Sendable {
    private let state: Mutex<ConnectionState>
    private let broken = Atomic<Bool>(false)
    private let password: String?

    private init(state: ConnectionState) {
        self.password = state.configuration.password
        self.state = Mutex(state)
    }

    public static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> PostgresConnection {
        let socket: Socket
        do {
            let milliseconds = Int((max(0, configuration.connectTimeout) * 1000).rounded(.up))
            socket = try Socket.connect(host: configuration.host, port: configuration.port, timeoutMilliseconds: milliseconds)
        } catch {
            let target = "\(configuration.host):\(configuration.port)"
            let failure: PostgresError = error.isTimeout
                ? .timeout("connecting to \(target) took more than \(configuration.connectTimeout) s")
                : .connection("cannot connect to \(target): \(error)")
            throw failure.redacting(configuration.password)
        }
        var state = ConnectionState(socket: socket, configuration: configuration)
        do {
            try state.start()
        } catch {
            _ = state.markBroken(error)
            throw error.redacting(configuration.password)
        }
        return PostgresConnection(state: state)
    }

    /// Runs one statement with the extended protocol; `$1`, `$2`, … are `parameters`, sent as text with
    /// their type OIDs (see `PostgresValue`). Results come back in text form.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresResult {
        try run { state throws(PostgresError) in try state.query(sql, parameters) }
    }

    /// Runs one or more `;`-separated statements with the simple protocol (DDL, scripts); the first
    /// server error is thrown after the server has finished the request.
    public func execute(_ sql: String) throws(PostgresError) {
        try run { state throws(PostgresError) in try state.execute(sql) }
    }

    /// The next `NOTIFY` for a channel this connection `LISTEN`s on, waiting at most `timeout` seconds;
    /// nil when none came (the connection stays usable).
    public func waitForNotification(timeout: Double) throws(PostgresError) -> PostgresNotification? {
        try run { state throws(PostgresError) in try state.waitForNotification(timeout: timeout) }
    }

    /// True once the connection is closed, by `close()` or after a failure.
    public var isBroken: Bool { broken.load(ordering: .acquiring) }

    /// `BEGIN` has been run and neither `COMMIT` nor `ROLLBACK` since (the last `ReadyForQuery`).
    package var transactionStatus: TransactionStatus { state.withLock { $0.transactionStatus } }

    /// Whether an idle connection is still usable (the pool checks before handing it out).
    package func checkIdle() -> Bool {
        let alive = state.withLock { $0.checkIdle() }
        if !alive { broken.store(true, ordering: .releasing) }
        return alive
    }

    /// Sends `Terminate` and closes the socket; waits for a running operation to end first.
    public func close() {
        state.withLock { $0.terminate() }
        broken.store(true, ordering: .releasing)
    }

    private func run<T: Sendable>(_ body: (inout ConnectionState) throws(PostgresError) -> T) throws(PostgresError) -> T {
        do {
            return try state.withLock { state throws(PostgresError) -> T in
                defer { if state.isBroken { broken.store(true, ordering: .releasing) } }
                return try body(&state)
            }
        } catch {
            throw error.redacting(password)
        }
    }
}

extension ConnectionState {
    mutating func waitForNotification(timeout: Double) throws(PostgresError) -> PostgresNotification? {
        guard !isBroken else { throw .connection("the connection is closed") }
        let deadline = Self.deadline(in: timeout)
        while notifications.isEmpty {
            guard let message = try nextMessage(before: deadline) else { return nil }
            switch message {
            case .notification(let notification): notifications.append(notification)
            case .parameterStatus, .notice: continue
            case .error(let fields) where fields.isFatal: throw markBroken(fields.error)
            default: throw markBroken(.protocolViolation("unexpected message while waiting for a notification"))
            }
        }
        return notifications.removeFirst()
    }
}

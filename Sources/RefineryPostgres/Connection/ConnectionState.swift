import RefineryHTTP

/// A connection's socket and protocol state, used by one operation at a time (inside the
/// `PostgresConnection`'s mutex). Every failure of the socket, every timeout and every protocol violation
/// marks it broken and closes the socket: a connection out of step with the server is never reused.
struct ConnectionState: Sendable {
    let socket: Socket
    let configuration: PostgresConfiguration
    var decoder = BackendMessageDecoder()
    var notifications: [PostgresNotification] = []
    var transactionStatus = TransactionStatus.idle
    var serverParameters: [String: String] = [:]
    var processId: Int32 = 0
    private(set) var isBroken = false
    private var readBuffer = [UInt8](repeating: 0, count: 16_384)

    init(socket: Socket, configuration: PostgresConfiguration) {
        self.socket = socket
        self.configuration = configuration
    }

    /// A point `seconds` from now.
    static func deadline(in seconds: Double) -> ContinuousClock.Instant {
        .now + .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up)))
    }

    mutating func send(_ bytes: [UInt8]) throws(PostgresError) {
        guard socket.sendAll(bytes) else { throw markBroken(.connection("the server closed the connection")) }
    }

    /// The next message before `deadline` other than a notice, a parameter status or a notification (those
    /// are recorded); throws `.timeout` when the deadline passes.
    mutating func receive(before deadline: ContinuousClock.Instant, operation: String) throws(PostgresError) -> BackendMessage {
        while true {
            guard let message = try nextMessage(before: deadline) else {
                throw markBroken(.timeout("\(operation): no answer from the server within \(configuration.operationTimeout) s"))
            }
            if !record(message) { return message }
        }
    }

    /// Records an asynchronous message; false for every other message.
    private mutating func record(_ message: BackendMessage) -> Bool {
        switch message {
        case .notification(let notification): notifications.append(notification)
        case .parameterStatus(let name, let value): serverParameters[name] = value
        case .notice: break
        default: return false
        }
        return true
    }

    /// The next message of any kind, nil when `deadline` passes first.
    mutating func nextMessage(before deadline: ContinuousClock.Instant) throws(PostgresError) -> BackendMessage? {
        while true {
            do {
                if let message = try decoder.next() { return message }
            } catch {
                throw markBroken(error)
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            let milliseconds = Int(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000) + 1
            switch socket.waitReadable(milliseconds: milliseconds) {
            case .timedOut: continue
            case .failed: throw markBroken(.connection("waiting for the server failed"))
            case .readable: try readAvailable()
            }
        }
    }

    /// Reads what the socket has into the decoder; the end of input breaks the connection.
    mutating func readAvailable() throws(PostgresError) {
        guard let count = socket.receive(into: &readBuffer), count > 0 else {
            throw markBroken(.connection("the server closed the connection"))
        }
        decoder.append(readBuffer[0..<count])
    }

    /// Whether an idle connection is still usable: input waiting on it must be notifications or notices,
    /// not the end of input or a fatal error (the server was stopped or the session terminated).
    mutating func checkIdle() -> Bool {
        guard !isBroken else { return false }
        while socket.waitReadable(milliseconds: 0) == .readable {
            do {
                try readAvailable()
                while let message = try decoder.next() {
                    guard record(message) else {
                        _ = markBroken(.connection("unexpected message from an idle server"))
                        return false
                    }
                }
            } catch {
                return false
            }
        }
        return true
    }

    /// Marks the connection broken, closes its socket, and gives back `error` for the caller to throw.
    mutating func markBroken(_ error: PostgresError) -> PostgresError {
        if !isBroken {
            isBroken = true
            socket.close()
        }
        return error
    }

    /// Says goodbye (`Terminate`) and closes the socket.
    mutating func terminate() {
        guard !isBroken else { return }
        _ = socket.sendAll(FrontendMessage.terminate)
        _ = markBroken(.connection("the connection is closed"))
    }
}

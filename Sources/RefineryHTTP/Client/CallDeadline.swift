import Synchronization

/// The time one module call may spend on HTTP: every attempt, every wait between attempts, every page.
/// Time its output bundles spend downstream is not counted. Measured on the run's clock, so a virtual
/// clock gives the same answer without waiting. Shared by the call's requests (a class).
public final class CallDeadline: Sendable {
    /// The whole allowance, in seconds.
    public let seconds: Double
    private let spent = Mutex(0.0)

    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// Seconds left, never negative.
    public var remaining: Double { max(0, seconds - spent.withLock { $0 }) }

    public var isPassed: Bool { remaining <= 0 }

    func spend(_ elapsed: Double) {
        spent.withLock { $0 += max(0, elapsed) }
    }
}

/// A module call used up its `CallDeadline` before an answer it could use: the request, how many
/// attempts were made, and why the last one failed (nil when the deadline fell during a wait).
public struct DeadlineExceeded: Error, Sendable, CustomStringConvertible {
    public var seconds: Double
    public var target: String
    public var attempts: Int
    public var lastFailure: String?

    public var description: String {
        let attempted = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        let last = lastFailure.map { ", the last: \($0)" } ?? ""
        return "\(target): no usable answer within the call's deadline of \(Self.format(seconds)) s (\(attempted)\(last))"
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

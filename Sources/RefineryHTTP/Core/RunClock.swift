public import Foundation
import Synchronization

/// Time, injected: the library never calls `Date()` or sleeps on its own. `SystemRunClock` is real time;
/// `VirtualRunClock` only moves when told to (tests) or when something sleeps on it (replay).
public protocol RunClock: Sendable {
    var now: Date { get }
    /// Waits `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

public struct SystemRunClock: RunClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(nanoseconds: InputLimits.sleepNanoseconds(seconds))
    }
}

/// A clock that never waits: sleeping advances it at once. Deterministic for tests and replays.
public final class VirtualRunClock: RunClock {
    private let current: Mutex<Date>
    private let slept: Mutex<[Double]>

    public init(now: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.current = Mutex(now)
        self.slept = Mutex([])
    }

    public var now: Date { current.withLock { $0 } }

    /// Every duration slept so far, in order.
    public var sleeps: [Double] { slept.withLock { $0 } }

    public func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        slept.withLock { $0.append(seconds) }
        advance(seconds: max(0, seconds))
    }
}

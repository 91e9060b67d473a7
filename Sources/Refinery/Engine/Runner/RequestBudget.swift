import Foundation
public import RefineryHTTP
import Synchronization

/// Requests per connection per minute, shared by every module of a run (Refiner allows 4000 a minute per
/// key). A module calls `spend()` before each request; past the budget it throws `LimitReached`.
public final class RequestBudget: Sendable {
    private struct Window {
        var start: Date
        var counts: [String: Int] = [:]
    }

    private let perMinute: [String: Int]
    private let clock: any RunClock
    private let window: Mutex<Window>
    private let connection: String?
    private let moduleId: Int?
    private let parent: RequestBudget?

    /// `perMinute` maps a connection (the app name) to its budget; connections not in it are unlimited.
    public init(perMinute: [String: Int], clock: any RunClock) {
        self.perMinute = perMinute
        self.clock = clock
        self.window = Mutex(Window(start: clock.now))
        self.connection = nil
        self.moduleId = nil
        self.parent = nil
    }

    private init(sharing other: RequestBudget, connection: String?, moduleId: Int) {
        self.perMinute = other.perMinute
        self.clock = other.clock
        self.window = Mutex(Window(start: other.clock.now))
        self.connection = connection
        self.moduleId = moduleId
        self.parent = other
    }

    /// The same budget, bound to one module run (so `spend()` knows whom to charge and blame).
    public func bound(to connection: String?, moduleId: Int) -> RequestBudget {
        RequestBudget(sharing: parent ?? self, connection: connection, moduleId: moduleId)
    }

    /// Counts one request; throws `LimitReached(.requestBudget)` when the connection's minute is used up.
    public func spend() throws(LimitReached) {
        guard let connection else { return }
        try (parent ?? self).charge(connection, moduleId: moduleId)
    }

    /// Requests counted so far in the current window for `connection`.
    public func used(_ connection: String) -> Int {
        (parent ?? self).window.withLock { $0.counts[connection] ?? 0 }
    }

    private func charge(_ connection: String, moduleId: Int?) throws(LimitReached) {
        guard let budget = perMinute[connection] else { return }
        let now = clock.now
        let result: Int? = window.withLock { window in
            if now.timeIntervalSince(window.start) >= 60 { window = Window(start: now) }
            let used = window.counts[connection] ?? 0
            guard used < budget else { return used }
            window.counts[connection] = used + 1
            return nil
        }
        if let used = result { throw LimitReached(.requestBudget, moduleId: moduleId, count: used) }
    }
}

import Foundation

/// Runs actions at their deadlines on one thread of its own. Not Dispatch: a queue's work waits for a
/// thread of the shared pool, and work that blocks the pool's threads (a loaded 2-core machine had as
/// many as it has cores) held a 1 s request deadline for 20 s. A deadline must fire when it is due.
public final class DeadlineTimer: @unchecked Sendable {
    public static let shared = DeadlineTimer()

    private struct Entry {
        var id: Int
        var due: Date
        var action: @Sendable () -> Void
    }

    private let condition = NSCondition()
    /// Guarded by `condition`; kept sorted by `due`. Only what is pending: a cancelled entry leaves, so
    /// the list is as long as the requests in flight.
    private var entries: [Entry] = []
    private var nextId = 0

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "refinery.http-deadlines"
        thread.start()
    }

    /// Runs `action` once `seconds` have passed (on the timer's thread: keep it short), unless
    /// `cancel` is called with the id it returns first.
    @discardableResult
    public func schedule(after seconds: Double, _ action: @escaping @Sendable () -> Void) -> Int {
        condition.lock()
        defer { condition.unlock() }
        nextId += 1
        let entry = Entry(id: nextId, due: Date().addingTimeInterval(max(0, seconds)), action: action)
        let index = entries.firstIndex { $0.due > entry.due } ?? entries.endIndex
        entries.insert(entry, at: index)
        condition.signal()
        return entry.id
    }

    public func cancel(_ id: Int) {
        condition.lock()
        entries.removeAll { $0.id == id }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while entries.isEmpty { condition.wait() }
            let first = entries[0]
            if first.due > Date() {
                _ = condition.wait(until: first.due)
                condition.unlock()
                continue
            }
            entries.removeFirst()
            condition.unlock()
            first.action()
        }
    }
}

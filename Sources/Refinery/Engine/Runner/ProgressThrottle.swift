import Foundation

/// When a run reports progress within a cycle: after `every` operations since the last report, or once
/// `interval` seconds passed on the run clock (whichever comes first), so a long cycle shows it moves
/// without a line per operation.
struct ProgressThrottle: Sendable, Hashable {
    /// Operations between two reports at most.
    var every = 100
    /// Seconds between two reports at most (with at least one operation since the last).
    var interval = 0.25
    private var reportedOperations = 0
    private var reportedAt: Date

    init(every: Int = 100, interval: Double = 0.25, start: Date) {
        self.every = every
        self.interval = interval
        self.reportedAt = start
    }

    /// Whether `operations` (the run's count, just incremented) at `now` is worth a report; marks it reported.
    mutating func shouldReport(operations: Int, at now: Date) -> Bool {
        guard operations > reportedOperations else { return false }
        guard operations - reportedOperations >= every || now.timeIntervalSince(reportedAt) >= interval else { return false }
        reportedOperations = operations
        reportedAt = now
        return true
    }
}

import Foundation
import RefineryPostgres

/// Which worker runs a polling scenario's scheduled slot when several serve it from one store: the one
/// that moves `refinery_schedule.last_slot` to the slot first (one statement, so exactly one does), and
/// only while no worker still runs the scenario (a session advisory lock held for the run), so runs
/// never overlap. Interval slots are counted from the Unix epoch, so every worker computes the same ones.
final class PostgresScheduleSlots: Sendable {
    private let store: PostgresStore
    private let scenario: String

    init(store: PostgresStore, scenario: String) {
        self.store = store
        self.scenario = scenario
    }

    /// The first slot at or after `start`: an interval's next multiple since the epoch, else `first`.
    static func aligned(_ first: Date, schedule: Scheduling) -> Date {
        guard schedule.type == "indefinitely", let interval = schedule.interval, interval > 0 else { return first }
        let seconds = first.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / Double(interval)).rounded(.up) * Double(interval))
    }

    /// The run lock when this worker claimed `slot`; nil when another worker took it or is still running.
    func claim(_ slot: Date) -> (any StateLease)? {
        guard let lease = try? PostgresLock.acquire(
            AdvisoryKey.scheduledRun(scenario), scenario: scenario + "#schedule", shared: false, store: store
        ) else { return nil }
        let claimed = try? store.pool.withConnection { connection in
            try connection.query(
                """
                INSERT INTO refinery_schedule (scenario, last_slot) VALUES ($1, to_timestamp($2))
                ON CONFLICT (scenario) DO UPDATE SET last_slot = EXCLUDED.last_slot WHERE refinery_schedule.last_slot < EXCLUDED.last_slot
                """,
                [.text(scenario), .double(slot.timeIntervalSince1970)]
            ).affectedRows == 1
        }
        guard claimed == true else {
            lease.release()
            return nil
        }
        return lease
    }
}

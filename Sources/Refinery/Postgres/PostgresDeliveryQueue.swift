import Foundation
import RefineryJSON
import RefineryPostgres

/// One scenario's webhook queue in PostgreSQL (`refinery_deliveries`), shared by every worker.
///
/// - **Accept**: the row is inserted and committed (with a `NOTIFY`) before the receiver answers 2xx.
/// - **Claim**: a worker takes the oldest open delivery with `FOR UPDATE SKIP LOCKED`, so two workers
///   never take the same one, and holds it for `lease` seconds, renewed while it runs. A delivery whose
///   lease ran out (its worker was killed) is claimable again with its attempt count: in doubt, handled
///   by the scenario's policy exactly as the file journal's in-doubt deliveries are.
/// - **Sequential** scenarios: a claim waits for no other unexpired claim of the scenario, under an
///   advisory transaction lock, so one delivery runs at a time across all workers, in order.
/// - **Finish**: only the worker holding the claim can finish it. A finished row stays `keepFinished`
///   seconds (its outcome is there to look at), then `prune` deletes it.
final class PostgresDeliveryQueue: DeliveryLog {
    struct Claim: Sendable, Hashable {
        var delivery: Delivery
        /// 1 the first time; more when earlier claims expired (in doubt).
        var attempts: Int
    }

    static let channel = "refinery_deliveries"
    /// Seconds a claim is held before it runs out, unless renewed (`serve --claim-lease`).
    static let defaultLease = 30.0
    /// Seconds a finished delivery stays before it is pruned (`serve --keep-finished`): a day.
    static let defaultKeepFinished = 86_400.0

    let scenario: String
    private let store: PostgresStore
    let lease: Double
    let keepFinished: Double
    /// Set for a scenario with `gateway:WebhookRespond`: deliveries are inserted already claimed by this
    /// worker, which runs them itself, since its sender waits on this connection for the answer.
    private let claimsOnAccept: String?

    init(
        scenario: String, store: PostgresStore, lease: Double = defaultLease, keepFinished: Double = defaultKeepFinished,
        claimsOnAccept: String? = nil
    ) {
        self.scenario = scenario
        self.store = store
        self.lease = lease
        self.keepFinished = keepFinished
        self.claimsOnAccept = claimsOnAccept
    }

    var claimsAccepted: Bool { claimsOnAccept != nil }

    func accept(_ payload: JSONValue, receivedAt: Date, capacity: Int) async throws -> Delivery {
        try await accept(payload, receivedAt: receivedAt, capacity: capacity, claimedBy: claimsOnAccept)
    }

    /// With `claimedBy`, the delivery is inserted already claimed by that worker.
    func accept(_ payload: JSONValue, receivedAt: Date, capacity: Int, claimedBy worker: String?) async throws -> Delivery {
        let text = String(decoding: payload.serializedBytes(.compact), as: UTF8.self)
        let millis = Int((receivedAt.timeIntervalSince1970 * 1000).rounded())
        let (scenario, store, lease) = (scenario, store, lease)
        let id = try await BlockingWork.run { () throws -> Int? in
            try store.pool.withTransaction { connection in
                let row = try connection.query(
                    """
                    INSERT INTO refinery_deliveries (scenario, received_at, payload, status, attempts, claimed_by, lease_until)
                    SELECT $1, $2, $3, CASE WHEN $5::text IS NULL THEN 'pending' ELSE 'running' END,
                           CASE WHEN $5::text IS NULL THEN 0 ELSE 1 END, $5::text,
                           CASE WHEN $5::text IS NULL THEN NULL ELSE now() + make_interval(secs => $6) END
                    WHERE (SELECT count(*) FROM refinery_deliveries WHERE scenario = $1 AND status <> 'done') < $4
                    RETURNING id
                    """,
                    [.text(scenario), .int(millis), .text(text), .int(capacity), worker.map(PostgresValue.text) ?? .null, .double(lease)]
                ).rows.first
                guard let id = row?.int("id") else { return nil }
                try connection.query("SELECT pg_notify($1, $2)", [.text(Self.channel), .text(scenario)])
                return id
            }
        }
        guard let id else { throw DeliveryJournal.Full() }
        return Delivery(id: id, receivedAt: millis, payload: payload)
    }

    /// The oldest open delivery, claimed for `worker`; nil when there is none to take.
    func claim(for worker: String, sequential: Bool) throws -> Claim? {
        try store.pool.withTransaction { connection in
            if sequential {
                try connection.query("SELECT pg_advisory_xact_lock($1)", [.int(AdvisoryKey.queue(scenario))])
                let busy = try connection.query(
                    "SELECT 1 FROM refinery_deliveries WHERE scenario = $1 AND status = 'running' AND lease_until >= now() LIMIT 1",
                    [.text(scenario)]
                ).rows
                guard busy.isEmpty else { return nil }
            }
            let row = try connection.query(
                """
                UPDATE refinery_deliveries SET status = 'running', attempts = attempts + 1, claimed_by = $2,
                       lease_until = now() + make_interval(secs => $3)
                WHERE id = (SELECT id FROM refinery_deliveries
                            WHERE scenario = $1 AND (status = 'pending' OR (status = 'running' AND lease_until < now()))
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, received_at, payload, attempts
                """,
                [.text(scenario), .text(worker), .double(lease)]
            ).rows.first
            return try row.map(Self.claim)
        }
    }

    /// Extends the claim; false when the worker no longer holds it (its lease ran out and another took it).
    func renew(_ id: Int, worker: String) throws -> Bool {
        try store.pool.withConnection { connection in
            try connection.query(
                "UPDATE refinery_deliveries SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND claimed_by = $2 AND status = 'running'",
                [.int(id), .text(worker), .double(lease)]
            ).affectedRows == 1
        }
    }

    func finish(_ id: Int, worker: String, outcome: DeliveryProcessor.Outcome) throws {
        _ = try store.pool.withConnection { connection in
            try connection.query(
                "UPDATE refinery_deliveries SET status = 'done', outcome = $3, finished_at = now() WHERE id = $1 AND claimed_by = $2 AND status = 'running'",
                [.int(id), .text(worker), .text(outcome.rawValue)]
            )
        }
    }

    /// Deletes the scenario's deliveries finished at least `keepFinished` seconds ago; returns how many.
    @discardableResult
    func prune() throws -> Int {
        try store.pool.withConnection { connection in
            try connection.query(
                "DELETE FROM refinery_deliveries WHERE scenario = $1 AND status = 'done' AND finished_at <= now() - make_interval(secs => $2)",
                [.text(scenario), .double(keepFinished)]
            ).affectedRows
        }
    }

    private static func claim(_ row: PostgresRow) throws -> Claim {
        guard let id = row.int("id"), let received = row.int("received_at"), let text = row["payload"], let attempts = row.int("attempts") else {
            throw PostgresError.protocolViolation("a claimed delivery row lacks a column")
        }
        return Claim(delivery: Delivery(id: id, receivedAt: received, payload: try JSONValue(parsing: Array(text.utf8))), attempts: attempts)
    }
}

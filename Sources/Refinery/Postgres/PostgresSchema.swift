import RefineryPostgres

/// The tables Refinery keeps in PostgreSQL, as numbered migrations applied in order by `refinery store
/// migrate` (and by every command that opens the store, so a new database works at once). Each runs in
/// its own transaction with its number recorded in `refinery_schema`; a migration is never edited once
/// released, only followed by another. See docs/scaling.md for what each table holds.
enum PostgresSchema {
    static let migrations: [String] = [
        // 1: state, locks' holders, the webhook queue, schedules, data stores.
        """
        CREATE TABLE refinery_state (
            scenario text PRIMARY KEY,
            state text NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE refinery_state_aside (
            scenario text NOT NULL,
            set_aside_at timestamptz NOT NULL DEFAULT now(),
            state text NOT NULL
        );
        CREATE TABLE refinery_lock_holders (
            scenario text PRIMARY KEY,
            holder text NOT NULL,
            since timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE refinery_deliveries (
            id bigserial PRIMARY KEY,
            scenario text NOT NULL,
            received_at bigint NOT NULL,
            payload text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
            attempts integer NOT NULL DEFAULT 0,
            claimed_by text,
            lease_until timestamptz,
            outcome text,
            finished_at timestamptz
        );
        CREATE INDEX refinery_deliveries_open ON refinery_deliveries (scenario, id) WHERE status <> 'done';
        CREATE TABLE refinery_schedule (
            scenario text PRIMARY KEY,
            last_slot timestamptz NOT NULL
        );
        CREATE TABLE refinery_datastore_records (
            store text NOT NULL,
            key text NOT NULL,
            data text NOT NULL,
            size integer NOT NULL,
            PRIMARY KEY (store, key)
        );
        CREATE TABLE refinery_datastore_batches (
            store text NOT NULL,
            id text NOT NULL,
            serial bigserial,
            PRIMARY KEY (store, id)
        );
        CREATE INDEX refinery_datastore_batches_serial ON refinery_datastore_batches (store, serial);
        """,
        // 2: finished deliveries found by age, for pruning.
        """
        CREATE INDEX refinery_deliveries_finished ON refinery_deliveries (scenario, finished_at) WHERE status = 'done';
        """,
    ]

    /// The newest schema version this build knows.
    static var latest: Int { migrations.count }

    /// Applies the migrations the database lacks, one transaction each, under an advisory lock so that
    /// workers starting together migrate once. Returns the versions applied (empty when up to date).
    /// Throws when the database is newer than this build (a newer refinery migrated it).
    static func migrate(_ pool: PostgresPool) throws -> [Int] {
        try pool.withConnection { connection in
            // The lock first: two workers creating the table at once would clash even with IF NOT EXISTS.
            try connection.query("SELECT pg_advisory_lock($1)", [.int(AdvisoryKey.migration)])
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [.int(AdvisoryKey.migration)]) }
            try connection.execute("CREATE TABLE IF NOT EXISTS refinery_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let current = try connection.query("SELECT coalesce(max(version), 0) AS version FROM refinery_schema").rows.first?.int("version") ?? 0
            guard current <= latest else { throw PostgresStoreError.schemaTooNew(found: current, known: latest) }
            var applied: [Int] = []
            for version in stride(from: current + 1, through: latest, by: 1) {
                try connection.execute("BEGIN; " + migrations[version - 1] + "; INSERT INTO refinery_schema (version) VALUES (\(version)); COMMIT")
                applied.append(version)
            }
            return applied
        }
    }
}

import Foundation
@testable import RefineryPostgres
import RefineryTesting
import Testing

/// A fresh database on the process's shared test server, and a connection to it; every call off the
/// cooperative pool (the client blocks).
func withDatabase<T: Sendable>(_ body: @escaping @Sendable (PostgresConfiguration) throws -> T) async throws -> T {
    try await offPool {
        let configuration = try PostgresTestServer.shared().makeDatabase()
        return try body(configuration)
    }
}

@Suite struct PostgresServerTests {
    @Test func connectsWithSCRAM() async throws {
        try await withDatabase { configuration in
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            let result = try connection.query("SELECT current_user AS who, 1 + 1 AS two")
            #expect(result.rows.first?["who"] == "refinery")
            #expect(result.rows.first?.int("two") == 2)
            #expect(!connection.isBroken)
        }
    }

    @Test func wrongPasswordIsAnAuthenticationError() async throws {
        try await withDatabase { configuration in
            var wrong = configuration
            wrong.password = "not-the-password-xyz"
            #expect {
                _ = try PostgresConnection.connect(wrong)
            } throws: { error in
                guard let error = error as? PostgresError, case .authentication = error else { return false }
                return !error.description.contains("not-the-password-xyz") && !"\(error)".contains(configuration.password!)
            }
            var none = configuration
            none.password = nil
            #expect(throws: PostgresError.self) { _ = try PostgresConnection.connect(none) }
        }
    }

    @Test func typedParametersRoundTrip() async throws {
        try await withDatabase { configuration in
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            try connection.execute("CREATE TABLE v (t text, i bigint, d double precision, b boolean, y bytea, n text)")
            let text = "it's \"quoted\" — ünïcødé 🎉 \\ $1"
            let bytes: [UInt8] = [0, 1, 2, 0x7F, 0x80, 0xFF]
            for value in [Int.min, Int.max, 0] {
                let inserted = try connection.query(
                    "INSERT INTO v VALUES ($1, $2, $3, $4, $5, $6)",
                    [.text(text), .int(value), .double(-1.5e-300), .bool(true), .bytea(bytes), .null]
                )
                #expect(inserted.affectedRows == 1)
            }
            let rows = try connection.query("SELECT * FROM v WHERE t = $1 ORDER BY i", [.text(text)]).rows
            #expect(rows.map { $0.int("i") } == [Int.min, 0, Int.max])
            let row = try #require(rows.first)
            #expect(row["t"] == text)
            #expect(row.double("d") == -1.5e-300)
            #expect(row.bool("b") == true)
            #expect(row.bytes("y") == bytes)
            #expect(row["n"] == nil)
            #expect(row.columns == ["t", "i", "d", "b", "y", "n"])
            let special = try connection.query("SELECT $1::float8 AS inf, $2::float8 AS nan, $3::bool AS f", [.double(.infinity), .double(.nan), .bool(false)])
            #expect(special.rows[0].double("inf") == .infinity)
            #expect(special.rows[0].double("nan")?.isNaN == true)
            #expect(special.rows[0].bool("f") == false)
        }
    }

    @Test func executeRunsSeveralStatements() async throws {
        try await withDatabase { configuration in
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            try connection.execute("""
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int REFERENCES a(id));
                INSERT INTO a VALUES (1), (2), (3);
                """)
            #expect(try connection.query("SELECT count(*) AS n FROM a").rows[0].int("n") == 3)
            #expect(try connection.query("UPDATE a SET id = id + 10 WHERE id > $1", [.int(1)]).affectedRows == 2)
            try connection.execute("")
        }
    }

    @Test func serverErrorsKeepTheConnectionUsable() async throws {
        try await withDatabase { configuration in
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            try connection.execute("CREATE TABLE u (id int CONSTRAINT u_pkey PRIMARY KEY)")
            try connection.query("INSERT INTO u VALUES ($1)", [.int(1)])
            #expect {
                try connection.query("INSERT INTO u VALUES ($1)", [.int(1)])
            } throws: { error in
                guard let error = error as? PostgresError, case .server(let state, _, let detail, let constraint) = error else { return false }
                return state == "23505" && constraint == "u_pkey" && detail?.contains("(id)=(1)") == true
            }
            #expect { try connection.query("SELECT * FROM missing") } throws: { ($0 as? PostgresError)?.sqlState == "42P01" }
            #expect { try connection.execute("SELECT 1; SELECT * FROM missing; SELECT 2") } throws: { ($0 as? PostgresError)?.sqlState == "42P01" }
            #expect { try connection.query("SELECT 1; SELECT 2") } throws: { ($0 as? PostgresError)?.sqlState == "42601" }
            #expect(!connection.isBroken)
            #expect(try connection.query("SELECT 7 AS n").rows[0].int("n") == 7)
        }
    }

    @Test func poolTransactionsCommitAndRollBack() async throws {
        try await withDatabase { configuration in
            let pool = PostgresPool(configuration, maxConnections: 2)
            defer { pool.close() }
            try pool.withConnection { try $0.execute("CREATE TABLE t (id int PRIMARY KEY)") }
            _ = try pool.withTransaction { try $0.query("INSERT INTO t VALUES (1)") }
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try pool.withTransaction { connection in
                    try connection.query("INSERT INTO t VALUES (2)")
                    throw Abort()
                }
            }
            #expect {
                try pool.withTransaction { connection in
                    try connection.query("INSERT INTO t VALUES (3)")
                    _ = try? connection.query("INSERT INTO t VALUES (1)")
                }
            } throws: { ($0 as? PostgresError)?.sqlState == "25P02" }
            let ids = try pool.withConnection { try $0.query("SELECT id FROM t ORDER BY id").rows.compactMap { $0.int("id") } }
            #expect(ids == [1])
        }
    }

    @Test func skipLockedAcrossTwoConnections() async throws {
        try await withDatabase { configuration in
            let first = try PostgresConnection.connect(configuration)
            let second = try PostgresConnection.connect(configuration)
            defer { first.close(); second.close() }
            try first.execute("CREATE TABLE jobs (id int PRIMARY KEY); INSERT INTO jobs VALUES (1), (2)")
            let claim = "SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
            try first.execute("BEGIN")
            try second.execute("BEGIN")
            #expect(try first.query(claim).rows.map { $0.int("id") } == [1])
            #expect(try second.query(claim).rows.map { $0.int("id") } == [2])
            #expect(try second.query(claim.replacingOccurrences(of: "LIMIT 1", with: "OFFSET 1")).rows.isEmpty)
            try first.execute("COMMIT")
            try second.execute("ROLLBACK")
        }
    }

    @Test func listenNotifyBetweenTwoConnections() async throws {
        try await withDatabase { configuration in
            let listener = try PostgresConnection.connect(configuration)
            let sender = try PostgresConnection.connect(configuration)
            defer { listener.close(); sender.close() }
            try listener.execute("LISTEN jobs")
            #expect(try listener.waitForNotification(timeout: 0.05) == nil)
            try sender.query("SELECT pg_notify('jobs', $1)", [.text("first")])
            try sender.execute("NOTIFY jobs, 'second'")
            let first = try #require(try listener.waitForNotification(timeout: 5))
            #expect(first.channel == "jobs" && first.payload == "first" && first.processId != 0)
            #expect(try listener.waitForNotification(timeout: 5)?.payload == "second")
            #expect(!listener.isBroken)
        }
    }

    @Test func operationTimeoutBreaksTheConnectionAndThePoolReplacesIt() async throws {
        try await withDatabase { configuration in
            var quick = configuration
            quick.operationTimeout = 0.2
            let pool = PostgresPool(quick, maxConnections: 1)
            defer { pool.close() }
            var started = Date()
            var broken: PostgresConnection?
            #expect {
                try pool.withConnection { connection in
                    broken = connection
                    started = Date()
                    try connection.query("SELECT pg_sleep(5)")
                }
            } throws: { error in
                guard let error = error as? PostgresError, case .timeout = error else { return false }
                return true
            }
            #expect(Date().timeIntervalSince(started) < 1.5)
            #expect(broken?.isBroken == true)
            #expect(throws: PostgresError.self) { try broken?.query("SELECT 1") }
            let replacement = try pool.withConnection { connection in
                #expect(connection !== broken)
                return try connection.query("SELECT 1 AS one").rows[0].int("one")
            }
            #expect(replacement == 1)
        }
    }

    @Test func connectionRefusedIsAConnectionError() async throws {
        try await offPool {
            let server = try PostgresTestServer.shared()
            var configuration = server.configuration()
            configuration.port = 1
            #expect {
                _ = try PostgresConnection.connect(configuration)
            } throws: { error in
                guard let error = error as? PostgresError, case .connection = error else { return false }
                return !error.description.contains(server.password)
            }
        }
    }
}

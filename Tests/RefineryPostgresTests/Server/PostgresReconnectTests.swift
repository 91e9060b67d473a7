@testable import RefineryPostgres
import RefineryTesting
import Testing

/// A server of its own, because the test kills it.
@Suite struct PostgresReconnectTests {
    @Test func poolReconnectsAfterTheServerIsKilledAndRestarted() async throws {
        try await offPool {
            let server = try PostgresTestServer()
            defer { server.stop() }
            let pool = PostgresPool(server.configuration(), maxConnections: 2)
            defer { pool.close() }
            try pool.withConnection { try $0.execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)") }
            let before = try pool.withConnection { $0 }
            server.kill()
            try server.restart()
            let count = try pool.withConnection { connection in
                #expect(connection !== before)
                return try connection.query("SELECT count(*) AS n FROM kept").rows[0].int("n")
            }
            #expect(count == 1)
        }
    }
}

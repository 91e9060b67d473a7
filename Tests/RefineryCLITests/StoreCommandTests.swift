import Foundation
import RefineryCLI
import RefineryPostgres
import RefineryTesting
import Testing

/// `--store postgres://...` and `refinery store`, against a real PostgreSQL server.
@Suite struct StoreCommandTests {
    static func storeURL() async throws -> (url: String, password: String) {
        let configuration = try await offPool { try PostgresTestServer.shared().makeDatabase() }
        let password = try #require(configuration.password)
        return ("postgres://\(configuration.user):\(password)@127.0.0.1:\(configuration.port)/\(configuration.database)", password)
    }

    @Test func migrateStatusAndARunKeepStateInTheDatabase() async throws {
        let (url, password) = try await Self.storeURL()
        let cli = CLIHarness()
        let status = await cli.run("store", "status", "--store", url)
        #expect(status.code == .success, "\(status.stderr)")
        #expect(status.stdout.contains("schema version 0 of"))
        #expect(!status.stdout.contains(password), "the password is printed")
        let migrated = await cli.run("store", "migrate", "--store", url)
        #expect(migrated.stdout.contains("applied migration 1"), "\(migrated.stdout)")
        #expect(await cli.run("store", "migrate", "--store", url).stdout.contains("up to date"))
        let run = await cli.run("run", "scenarios/nps-detractor-follow-up.json", "--sandbox", "--store", url, "--quiet")
        #expect(run.code == .success, "\(run.stderr)")
        #expect(await cli.run("store", "status", "--store", url).stdout.contains("state of: nps-detractor-follow-up"))
    }

    @Test(arguments: [
        (["store", "status", "--store", "mysql://u@h/db"], "the store must be a PostgreSQL URL"),
        (["store", "status"], "no store named"),
        (["run", "scenarios/nps-detractor-follow-up.json", "--store", "postgres://u@127.0.0.1/db", "--state", "s"], "--store and --state"),
        (["serve", "scenarios/nps-detractor-follow-up.json", "--claim-lease", "5"], "--claim-lease is for workers sharing a --store"),
        (["store", "vacuum", "--store", "postgres://u@127.0.0.1/db"], "unknown store action 'vacuum'"),
    ])
    func badStoresAreUsageErrors(arguments: [String], message: String) async throws {
        let outcome = await CLIHarness().run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}

import Foundation
import RefineryCLI
import RefineryJSON
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

    /// `webhook deliver --store`: the delivery goes through the shared queue (one row, done) and the
    /// scenario's state is the database's.
    @Test func aDeliveryThroughTheSharedQueue() async throws {
        let (url, _) = try await Self.storeURL()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("leads.json", CustomWebhookCommandTests.scenario)
        try folder.write("lead.json", #"{"email": "ada@example.com", "source": "ads"}"#)
        let cli = CLIHarness(workingDirectory: folder.path)
        let delivered = await cli.run("webhook", "deliver", "leads.json", "lead.json", "--sandbox", "--store", url, "--json")
        #expect(delivered.code == .success, "\(delivered.stderr)")
        #expect(try JSONValue(parsing: delivered.stdout)["status"] == "success")
        let configuration = try PostgresConfiguration(url: url)
        let rows = try await offPool {
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            return try connection.query("SELECT status, outcome FROM refinery_deliveries WHERE scenario = 'leads'").rows.map { [$0["status"], $0["outcome"]] }
        }
        #expect(rows == [["done", "success"]], "\(rows)")
        let state = try await SharedServeKillTests.state(of: "leads", in: configuration)
        #expect(state["history"]?.arrayValue?.count == 1, "\(state)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.refinery"), "deliver --store wrote state files")
    }

    /// `datastore --store`: the records a shared store holds, imported, read, listed and cleared.
    @Test func dataStoreRecordsInTheSharedStore() async throws {
        let (url, _) = try await Self.storeURL()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("datastores/contacts.json", DataStoreCommandTests.declaration)
        try folder.write("in.json", #"[{"key": "k1", "data": {"email": "a@x.io", "n": 1}}, {"key": "k2", "data": {"email": "b@x.io"}}]"#)
        let cli = CLIHarness(workingDirectory: folder.path)
        let imported = await cli.run("datastore", "import", "contacts", "in.json", "--store", url)
        #expect(imported.code == .success, "\(imported.stderr)")
        let list = await cli.run("datastore", "list", "--store", url)
        #expect(list.stdout.contains("contacts (id 12345): 2 records"), "\(list.stdout)\(list.stderr)")
        #expect(!list.stdout.contains("on disk"))
        #expect(await cli.run("datastore", "get", "contacts", "k1", "--store", url).stdout.contains(#""email": "a@x.io""#))
        #expect(await cli.run("datastore", "list").stdout.contains("0 records"), "the files store is not the shared one")
        #expect(await cli.run("datastore", "clear", "contacts", "--yes", "--store", url).code == .success)
        #expect(await cli.run("datastore", "list", "--store", url).stdout.contains("0 records"))
    }

    @Test(arguments: [
        (["store", "status", "--store", "mysql://u@h/db"], "the store must be a PostgreSQL URL"),
        (["store", "status"], "no store named"),
        (["run", "scenarios/nps-detractor-follow-up.json", "--store", "postgres://u@127.0.0.1/db", "--state", "s"], "--store and --state"),
        (["serve", "scenarios/nps-detractor-follow-up.json", "--claim-lease", "5"], "--claim-lease is for workers sharing a --store"),
        (["webhook", "deliver", "a.json", "p.json", "--record", "c.json", "--store", "postgres://u@127.0.0.1/db"], "--record starts from empty state"),
        (["store", "vacuum", "--store", "postgres://u@127.0.0.1/db"], "unknown store action 'vacuum'"),
    ])
    func badStoresAreUsageErrors(arguments: [String], message: String) async throws {
        let outcome = await CLIHarness().run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}

import Foundation
import Refinery
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
        let versions = (1...PostgresStore.latestSchemaVersion).map(String.init).joined(separator: ", ")
        #expect(migrated.stdout.contains("applied migrations \(versions)"), "\(migrated.stdout)")
        #expect(await cli.run("store", "migrate", "--store", url).stdout.contains("up to date"))
        let run = await cli.run("run", "scenarios/nps-detractor-follow-up.json", "--sandbox", "--store", url, "--quiet")
        #expect(run.code == .success, "\(run.stderr)")
        #expect(await cli.run("store", "status", "--store", url).stdout.contains("state of: nps-detractor-follow-up"))
    }

    /// An explicit `--state` beats `REFINERY_STORE`: the run keeps its state in files and never touches the
    /// (here unreachable) database.
    @Test func anExplicitStateFolderBeatsTheStoreVariable() async throws {
        var cli = CLIHarness()
        cli.environment["REFINERY_STORE"] = "postgres://u@127.0.0.1:1/none"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = await cli.run("run", "scenarios/nps-detractor-follow-up.json", "--sandbox", "--state", folder.path, "--quiet")
        #expect(run.code == .success, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/nps-detractor-follow-up.state.json"))
    }

    /// The built binary (its blocking database calls stay out of this process's thread pool).
    static func refinery(_ arguments: String..., in folder: TemporaryFolder) async throws -> (status: Int32, output: String) {
        try await runToEnd(try #require(BinarySmokeTests.binaryURL()), arguments, in: folder.path, environment: ["NO_COLOR": "1"])
    }

    /// `webhook deliver --store`: the delivery goes through the shared queue (one row, done) and the
    /// scenario's state is the database's.
    @Test func aDeliveryThroughTheSharedQueue() async throws {
        let (url, _) = try await Self.storeURL()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("leads.json", CustomWebhookCommandTests.scenario)
        try folder.write("lead.json", #"{"email": "ada@example.com", "source": "ads"}"#)
        let delivered = try await Self.refinery(
            "webhook", "deliver", "leads.json", "lead.json", "--sandbox", "--store", url, "--modules", ServeCommandTests.modules, in: folder
        )
        #expect(delivered.status == 0, "\(delivered.output)")
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
        let imported = try await Self.refinery("datastore", "import", "contacts", "in.json", "--store", url, in: folder)
        #expect(imported.status == 0, "\(imported.output)")
        let list = try await Self.refinery("datastore", "list", "--store", url, in: folder)
        #expect(list.output.contains("contacts (id 12345): 2 records"), "\(list.output)")
        #expect(!list.output.contains("on disk"))
        #expect(try await Self.refinery("datastore", "get", "contacts", "k1", "--store", url, in: folder).output.contains(#""email": "a@x.io""#))
        #expect(try await Self.refinery("datastore", "list", in: folder).output.contains("0 records"), "the files store is not the shared one")
        #expect(try await Self.refinery("datastore", "clear", "contacts", "--yes", "--store", url, in: folder).status == 0)
        #expect(try await Self.refinery("datastore", "list", "--store", url, in: folder).output.contains("0 records"))
    }

    @Test(arguments: [
        (["store", "status", "--store", "mysql://u@h/db"], "the store must be a PostgreSQL URL"),
        (["store", "status"], "no store named"),
        (["run", "scenarios/nps-detractor-follow-up.json", "--store", "postgres://u@127.0.0.1/db", "--state", "s"], "--store and --state"),
        (["serve", "scenarios/nps-detractor-follow-up.json", "--claim-lease", "5"], "--claim-lease and --keep-finished are for workers sharing a --store"),
        (["serve", "scenarios/nps-detractor-follow-up.json", "--keep-finished", "0"], "--keep-finished are for workers sharing a --store"),
        (["webhook", "deliver", "a.json", "p.json", "--record", "c.json", "--store", "postgres://u@127.0.0.1/db"], "--record starts from empty state"),
        (["store", "vacuum", "--store", "postgres://u@127.0.0.1/db"], "unknown store action 'vacuum'"),
    ])
    func badStoresAreUsageErrors(arguments: [String], message: String) async throws {
        let outcome = await CLIHarness().run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}

import Foundation
package import RefineryPostgres
import RefineryHTTP
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests: `initdb` into a fresh temporary directory (a superuser with a
/// random password, `trust` on the Unix socket, `scram-sha-256` over TCP), then `postgres` on a free
/// loopback port. `shared()` is one server per test process, started on first use; each test makes its
/// own database with `makeDatabase()`. Servers stop, and their directories go, when the process exits.
/// As root, `initdb` and `postgres` (which refuse root) run as the `postgres` user through `runuser`.
package final class PostgresTestServer: Sendable {
    package let user = "refinery"
    package let password: String
    /// The loopback port (set once the server first starts).
    package var port: Int { portValue.load(ordering: .acquiring) }
    private let portValue = Atomic<Int>(0)
    let binaries: URL
    let base: URL
    let process = Mutex<Process?>(nil)

    private static let sharedServer = Mutex<Result<PostgresTestServer, PostgresTestServerError>?>(nil)
    static let running = Mutex<[PostgresTestServer]>([])

    /// The process's shared server, started (initdb and all, a second or two) on first use.
    package static func shared() throws(PostgresTestServerError) -> PostgresTestServer {
        try sharedServer.withLock { state throws(PostgresTestServerError) in
            if state == nil { state = Result { () throws(PostgresTestServerError) in try PostgresTestServer() } }
            return try state!.get()
        }
    }

    /// A server of its own (for tests that kill it).
    package init() throws(PostgresTestServerError) {
        binaries = try PostgresBinaries.find()
        base = FileManager.default.temporaryDirectory.appendingPathComponent("refinery-pg-\(UUID().uuidString.prefix(8))")
        password = "pw-\(UUID().uuidString)"
        Self.register(self)
        try prepare()
        portValue.store(try Self.startOnFreePort(self), ordering: .releasing)
    }

    private func prepare() throws(PostgresTestServerError) {
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            try Data(password.utf8).write(to: base.appendingPathComponent("password"))
            try handOver(base.path)
            try handOver(base.appendingPathComponent("password").path)
        } catch let error as PostgresTestServerError {
            throw error
        } catch {
            throw .failed("cannot prepare \(base.path): \(error)")
        }
        try runToEnd("initdb", [
            "-D", dataDirectory, "-U", user, "--pwfile=\(base.path)/password", "-E", "UTF8", "--no-locale",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync",
        ])
    }

    var dataDirectory: String { base.appendingPathComponent("data").path }

    /// A configuration for `database` as the superuser over TCP (SCRAM-SHA-256).
    package func configuration(database: String = "postgres") -> PostgresConfiguration {
        PostgresConfiguration(host: "127.0.0.1", port: port, user: user, password: password, database: database)
    }

    /// A new, empty database `t_<uuid>`, and a configuration for it.
    package func makeDatabase() throws -> PostgresConfiguration {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresConnection.connect(configuration())
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return configuration(database: name)
    }

    /// SIGKILL to the postmaster and every backend, as a crash would; returns when they are gone. The
    /// process that started the postmaster (`runuser` as root) is left to reap it, so no zombie keeps
    /// the data directory's lock.
    package func kill() {
        if let postmaster = Self.postmasterPID(dataDirectory) {
            let backends = Self.children(of: postmaster)
            _ = Glibc.kill(postmaster, SIGKILL)
            for pid in backends { _ = Glibc.kill(pid, SIGKILL) }
            for pid in backends { Self.waitGone(pid, zombieCounts: true) }
            Self.waitGone(postmaster, zombieCounts: false)
        }
        let child = process.withLock { $0 }
        if let child, child.isRunning {
            _ = Glibc.kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
    }

    /// Starts the server again on the same data directory and port (crash recovery runs first).
    package func restart() throws(PostgresTestServerError) {
        try launch(port: port)
        try waitUntilReady()
    }

    /// Stops the server and deletes its directory.
    package func stop() {
        kill()
        try? FileManager.default.removeItem(at: base)
    }
}

import Foundation
import RefineryHTTP
import RefineryPostgres
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension PostgresTestServer {
    /// The command that runs `program`: itself, or through `runuser -u postgres --` as root.
    func command(_ program: String, _ arguments: [String]) -> (URL, [String]) {
        let path = binaries.appendingPathComponent(program).path
        guard getuid() == 0 else { return (URL(fileURLWithPath: path), arguments) }
        return (URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", path] + arguments)
    }

    /// As root, gives `path` to the `postgres` user (initdb and postgres run as it).
    func handOver(_ path: String) throws(PostgresTestServerError) {
        guard getuid() == 0 else { return }
        guard let account = getpwnam("postgres") else {
            throw .failed("running as root needs a 'postgres' user (Debian's postgresql package creates it)")
        }
        guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw .failed("cannot hand \(path) to the postgres user (errno \(errno))")
        }
    }

    func runToEnd(_ program: String, _ arguments: [String]) throws(PostgresTestServerError) {
        let (executable, fullArguments) = command(program, arguments)
        let process = Process()
        process.executableURL = executable
        process.arguments = fullArguments
        process.currentDirectoryURL = base
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw .failed("cannot run \(program): \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .failed("\(program) exited with \(process.terminationStatus): \(String(decoding: output, as: UTF8.self))")
        }
    }

    /// Starts on a port the system just gave out (bound to port 0, then closed); on a clash, another.
    static func startOnFreePort(_ server: PostgresTestServer) throws(PostgresTestServerError) -> Int {
        var lastError = PostgresTestServerError.failed("no free port")
        for _ in 0..<5 {
            guard let (socket, port) = try? Socket.listen(host: "127.0.0.1", port: 0, backlog: 1) else { continue }
            socket.close()
            do {
                try server.launch(port: port)
                try server.waitUntilReady(port: port)
                return port
            } catch {
                lastError = error
                server.kill()
            }
        }
        throw lastError
    }

    func launch(port: Int) throws(PostgresTestServerError) {
        let (executable, arguments) = command("postgres", [
            "-D", dataDirectory, "-p", String(port), "-k", base.path,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on", "-c", "max_connections=100",
        ])
        let log = base.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let child = Process()
        child.executableURL = executable
        child.arguments = arguments
        child.standardInput = FileHandle.nullDevice
        if let handle = try? FileHandle(forWritingTo: log) {
            handle.seekToEndOfFile()
            child.standardOutput = handle
            child.standardError = handle
        }
        do { try child.run() } catch { throw .failed("cannot run postgres: \(error)") }
        process.withLock { $0 = child }
    }

    /// Polls (every 10 ms, at most 30 s) until the server accepts a login.
    func waitUntilReady(port: Int? = nil) throws(PostgresTestServerError) {
        var configuration = PostgresConfiguration(host: "127.0.0.1", port: port ?? self.port, user: user, password: password, database: "postgres")
        configuration.connectTimeout = 2
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let connection = try? PostgresConnection.connect(configuration) {
                connection.close()
                return
            }
            if process.withLock({ $0?.isRunning }) == false {
                throw .failed("postgres exited: \(logTail())")
            }
            usleep(10_000)
        }
        throw .failed("postgres did not accept connections within 30 s: \(logTail())")
    }

    private func logTail() -> String {
        let text = (try? String(contentsOf: base.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        return String(text.suffix(1500))
    }

    static func postmasterPID(_ dataDirectory: String) -> Int32? {
        guard let text = try? String(contentsOfFile: "\(dataDirectory)/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// The processes whose parent is `pid` (the postmaster's backends and workers), from /proc.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { parent(of: $0) == pid }
    }

    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// Waits (at most 5 s) until `pid` is gone (or, with `zombieCounts`, a zombie).
    static func waitGone(_ pid: Int32, zombieCounts: Bool) {
        for _ in 0..<1000 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return }
            if zombieCounts && stat[stat.index(after: close)...].split(separator: " ").first == "Z" { return }
            usleep(5_000)
        }
    }

    /// Remembers a server so that it stops when the process exits.
    static func register(_ server: PostgresTestServer) {
        let first = running.withLock { servers in
            servers.append(server)
            return servers.count == 1
        }
        if first { atexit { PostgresTestServer.stopAll() } }
    }

    static func stopAll() {
        for server in running.withLock({ $0 }) { server.stop() }
    }
}

package import Foundation

/// Where the PostgreSQL server programs are: `$REFINERY_POSTGRES_BIN` (the bin directory, or the
/// `postgres` program in it), else the highest `/usr/lib/postgresql/*/bin`, else `pg_config --bindir`.
/// `.ci/run` searches the same places before it installs Debian's `postgresql` package.
package enum PostgresBinaries {
    package static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresTestServerError) -> URL {
        var candidates: [String] = []
        if let configured = environment["REFINERY_POSTGRES_BIN"], !configured.isEmpty {
            candidates.append(configured.hasSuffix("/postgres") ? String(configured.dropLast("/postgres".count)) : configured)
        }
        candidates += debianDirectories()
        if let bindir = pgConfigBindir() { candidates.append(bindir) }
        for directory in candidates where hasServer(directory) {
            return URL(fileURLWithPath: directory)
        }
        throw .noServer(searched: candidates)
    }

    private static func hasServer(_ directory: String) -> Bool {
        ["postgres", "initdb"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
    }

    /// `/usr/lib/postgresql/<version>/bin`, highest version first.
    private static func debianDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap { Double($0) == nil ? nil : $0 }
            .sorted { Double($0)! > Double($1)! }
            .map { "\(root)/\($0)/bin" }
    }

    private static func pgConfigBindir() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let program = paths.map({ "\($0)/pg_config" }).first(where: FileManager.default.isExecutableFile) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["--bindir"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : nil
    }
}

/// Why the test server could not run.
package enum PostgresTestServerError: Error, CustomStringConvertible {
    case noServer(searched: [String])
    case failed(String)

    package var description: String {
        switch self {
        case .noServer(let searched):
            "no PostgreSQL server found (searched \(searched.joined(separator: ", ")), $REFINERY_POSTGRES_BIN unset): "
                + "install Debian's postgresql package (apt-get install postgresql) or run .ci/run"
        case .failed(let message): "PostgreSQL test server: \(message)"
        }
    }
}

import Foundation
import RefineryHTTP
import Testing

/// The built `refinery` binary serving in a child process; `url` is the first webhook URL it printed.
struct ServeChild {
    let process: Process
    let url: String

    /// Starts the child and waits (on a thread of its own, never the cooperative pool) for its first line.
    static func start(_ arguments: [String], folder: String, environment: [String: String]) async throws -> ServeChild {
        let binary = try #require(BinarySmokeTests.binaryURL())
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(["NO_COLOR": "1"]) { first, _ in first }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = try await SandboxCommandTests.readLines(1, from: output.fileHandleForReading).first ?? ""
        let url = try #require(line.split(separator: " ").last.map(String.init), "the server printed no URL")
        return ServeChild(process: process, url: url)
    }

    /// POSTs a delivery; the status, or throws when the connection fails.
    func post(_ body: String, token: String) async throws -> Int {
        let request = HTTPRequest(
            method: .post, target: url, headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
            body: Array(body.utf8)
        )
        return try await Self.transport.send(request).status
    }

    static let transport = URLSessionTransport(configuration: .init(requestTimeout: 10, resourceTimeout: 10))

    /// SIGKILL: no chance to flush, answer or clean up.
    func kill() async {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        _ = try? await SandboxCommandTests.exitStatus(of: process)
    }
}

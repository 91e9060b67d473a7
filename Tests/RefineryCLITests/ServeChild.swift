import Foundation
import RefineryHTTP
import Testing

/// The built `refinery` binary serving in a child process; `url` is the first webhook URL it printed.
struct ServeChild {
    let process: Process
    let url: String

    static func start(_ arguments: [String], folder: String, environment: [String: String]) throws -> ServeChild {
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
        let line = readLine(output.fileHandleForReading)
        let url = try #require(line.split(separator: " ").last.map(String.init), "the server printed no URL")
        return ServeChild(process: process, url: url)
    }

    /// Reads up to the first newline (blocking: the child prints it once it listens).
    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while true {
            let data = handle.readData(ofLength: 1)
            guard let byte = data.first, byte != 10 else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
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
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

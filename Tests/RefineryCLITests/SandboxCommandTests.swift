import Foundation
import RefineryCLI
import Testing

@Suite struct SandboxCommandTests {
    @Test(arguments: [
        (["sandbox", "--seed", "big"], "option '--seed' must be 'demo' or 'empty', not 'big'"),
        (["sandbox", "--api-key", "short"], "option '--api-key' needs 8 to 128 letters, digits, '-', '_' or '.'"),
        (["sandbox", "--port", "70000"], "option '--port' needs an integer 0...65535, not '70000'"),
        (["sandbox", "--contacts", "-1"], "option '--contacts' needs an integer 0...10000000, not '-1'"),
    ])
    func rejectsBadOptionsWithUsageErrors(arguments: [String], message: String) async {
        let outcome = await CLIHarness().run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.hasPrefix("refinery: error: \(message)\n"), "\(outcome.stderr)")
    }

    /// The built binary prints the URL and key, answers, and exits 0 on SIGTERM.
    @Test func servesUntilSIGTERMAndExitsZero() async throws {
        let binary = try #require(BinarySmokeTests.binaryURL())
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sandbox", "--seed", "empty", "--contacts", "3", "--api-key", "smoke-test-key-1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = try await Self.readLines(2, from: output.fileHandleForReading)
        #expect(lines.count == 2)
        #expect(lines.last == "REFINER_API_KEY=smoke-test-key-1")
        let base = try #require(lines.first?.split(separator: "=", maxSplits: 1).last.map(String.init))
        #expect(base.hasPrefix("http://127.0.0.1:") && base.hasSuffix("/v1"))
        process.terminate()
        let status = try await Self.exitStatus(of: process)
        #expect(status == 0)
    }

    /// Reads `count` lines on a thread of its own (the read blocks).
    static func readLines(_ count: Int, from handle: FileHandle) async throws -> [String] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                var text = ""
                while text.filter({ $0 == "\n" }).count < count {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                continuation.resume(returning: text.split(separator: "\n").prefix(count).map(String.init))
            }.start()
        }
    }

    static func exitStatus(of process: Process) async throws -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }
}

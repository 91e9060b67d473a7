import Foundation
import Testing

/// One smoke test of the built `refinery` binary: the in-process tests cover the rest.
@Suite struct BinarySmokeTests {
    /// Reads and waits on threads of their own: a blocking read on the cooperative pool can stall every
    /// other test (the pipe's EOF waits for any child that inherited its write end).
    @Test func builtBinaryPrintsVersionAndExitsZero() async throws {
        let binary = try #require(Self.binaryURL(), "the refinery binary is built beside the test bundle")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let lines = try await SandboxCommandTests.readLines(1, from: pipe.fileHandleForReading)
        #expect(try await SandboxCommandTests.exitStatus(of: process) == 0)
        #expect(lines.first?.hasPrefix("refinery ") == true)
    }

    static func binaryURL() -> URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("refinery")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

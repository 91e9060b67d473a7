import Foundation
import RefineryTesting
import Testing

/// Smoke tests of the built executables: the in-process tests cover the rest.
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

    /// A copy of the binary alone in a folder outside the checkout still has the Refiner app: it is built
    /// in, not a resource beside the binary.
    @Test func aCopiedBinaryHasTheRefinerAppBuiltIn() async throws {
        let binary = try #require(Self.binaryURL(), "the refinery binary is built beside the test bundle")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = URL(fileURLWithPath: folder.path).appendingPathComponent("refinery")
        try FileManager.default.copyItem(at: binary, to: copy)
        let (status, output) = try await runToEnd(copy, ["modules", "refiner"], in: folder.path, environment: ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("refiner (Refiner 1.0.0): 19 modules, built in"), "\(output)")
    }

    /// Every benchmark section once on tiny inputs (`--smoke`), so `refinery-bench` cannot silently break.
    @Test func everyBenchmarkRunsInSmokeMode() async throws {
        let bench = try #require(Self.binaryURL(named: "refinery-bench"), "refinery-bench is built beside the test bundle")
        let (status, output) = try await runToEnd(bench, ["--smoke"], in: ModuleCommandsTests.root)
        #expect(status == 0, "\(output)")
        for section in ["json", "iml", "sandbox", "modules", "engine", "scenario", "replay", "webhooks", "slow-connections", "call-memory"] {
            #expect(output.contains("== \(section): "), "section \(section) ran")
        }
        #expect(!output.contains("failed"), "\(output)")
    }

    static func binaryURL(named name: String = "refinery") -> URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

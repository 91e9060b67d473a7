import Foundation
import Testing

/// One smoke test of the built `refinery` binary: the in-process tests cover the rest.
@Suite struct BinarySmokeTests {
    @Test func builtBinaryPrintsVersionAndExitsZero() throws {
        let binary = try #require(Self.binaryURL(), "the refinery binary is built beside the test bundle")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("refinery "))
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

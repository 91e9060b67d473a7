import Foundation
import RefineryCLI

/// Runs the CLI in-process with a captured console.
struct CLIHarness {
    var environment: [String: String] = ["NO_COLOR": "1"]
    var workingDirectory = FileManager.default.currentDirectoryPath

    struct Outcome {
        let code: ExitCode
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: String...) async -> Outcome {
        await run(arguments)
    }

    func run(_ arguments: [String]) async -> Outcome {
        let captured = CapturedConsole()
        let context = CommandContext(
            console: captured.console(), environment: environment, workingDirectory: workingDirectory
        )
        let code = await RefineryCLI.run(arguments, context: context)
        return Outcome(code: code, stdout: captured.stdout, stderr: captured.stderr)
    }
}

/// A fresh temporary folder for a test, with files written into it.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "refinery-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

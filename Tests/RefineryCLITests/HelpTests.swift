import Foundation
@testable import RefineryCLI
import RefineryTesting
import Testing

@Suite struct HelpTests {
    let golden = Golden.directory(beside: #filePath)

    @Test func toolHelpMatchesGolden() async throws {
        let outcome = await CLIHarness().run("--help")
        #expect(outcome.code == .success)
        if let mismatch = Golden.check(outcome.stdout, name: "help.txt", directory: golden) {
            Issue.record("\(mismatch)")
        }
    }

    @Test(arguments: ["run", "test", "incomplete", "datastore", "validate", "graph", "init", "completions", "help", "version"])
    func commandHelpMatchesGolden(command: String) async throws {
        let outcome = await CLIHarness().run(command, "--help")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.contains("Usage: refinery \(command)"))
        if let mismatch = Golden.check(outcome.stdout, name: "help-\(command).txt", directory: golden) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func helpCommandExplainsACommand() async {
        let viaHelp = await CLIHarness().run("help", "validate")
        let viaFlag = await CLIHarness().run("validate", "-h")
        #expect(viaHelp.stdout == viaFlag.stdout)
    }

    @Test func noArgumentsPrintsHelpAndFailsAsUsage() async {
        let outcome = await CLIHarness().run([])
        #expect(outcome.code == .usage)
        #expect(outcome.stdout.contains("Commands:"))
    }

    /// `refinery 0.1.0 (commit 1a2b3c4d5e6f)` or `refinery 0.1.0 (unknown commit)`, the same for the flag
    /// and the command.
    @Test func versionFlagPrintsVersionAndCommit() async throws {
        let outcome = await CLIHarness().run("--version")
        #expect(outcome.code == .success)
        let shape = try Regex(#"^refinery [0-9]+\.[0-9]+\.[0-9]+ \((commit [0-9a-f]{7,40}(-dirty)?|unknown commit)\)\n$"#)
        #expect(outcome.stdout.wholeMatch(of: shape) != nil, "\(outcome.stdout)")
        #expect(outcome.stdout.hasPrefix("refinery \(RefineryCLI.version) ("))
        #expect(await CLIHarness().run("version").stdout == outcome.stdout)
    }

    @Test(arguments: [
        ("1a2b3c4d5e6f", "refinery 0.1.0 (commit 1a2b3c4d5e6f)\n"),
        ("1a2b3c4d5e6f-dirty", "refinery 0.1.0 (commit 1a2b3c4d5e6f-dirty)\n"),
        (nil, "refinery 0.1.0 (unknown commit)\n"),
    ] as [(String?, String)])
    func versionLineNamesTheCommit(commit: String?, expected: String) {
        #expect(VersionCommand.line(version: "0.1.0", commit: commit) == expected)
    }
}

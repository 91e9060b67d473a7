import Foundation
import RefineryCLI
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

    @Test(arguments: ["run", "test", "incomplete", "validate", "graph", "help", "version"])
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

    @Test func versionFlagPrintsVersion() async {
        let outcome = await CLIHarness().run("--version")
        #expect(outcome.stdout == "refinery \(RefineryCLI.version)\n")
        #expect(outcome.code == .success)
    }
}

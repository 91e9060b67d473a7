import Foundation
import RefineryCLI
import Testing

/// `refinery run` on a terminal shows progress while a cycle runs (every 100 operations here), on
/// stderr, and never with --quiet, --json or --trace.
@Suite struct RunProgressTests {
    /// One cycle of 251 operations: a feeder of 250 items, each into a variable.
    static let scenario = """
    {"name": "Count to 250", "flow": [
      {"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [\((1...250).map(String.init).joined(separator: ", "))]}},
      {"id": 2, "module": "util:SetVariable", "mapper": {"name": "n", "scope": "roundtrip", "value": "{{1.value}}"}}
    ], "metadata": {"scenario": {"roundtrips": 1}}}
    """

    func run(_ options: [String]) async throws -> (code: ExitCode, stderr: String) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("count.json", Self.scenario)
        let captured = CapturedConsole()
        let context = CommandContext(console: captured.console(stderrIsTerminal: true), environment: ["NO_COLOR": "1"], workingDirectory: folder.path)
        let code = await RefineryCLI.run(["run", "count.json", "--state", "state"] + options, context: context)
        return (code, captured.stderr)
    }

    @Test func progressShowsWithinTheCycleOnATerminal() async throws {
        let (code, stderr) = try await run([])
        #expect(code == .success, "\(stderr)")
        let shown = stderr.components(separatedBy: "\r\u{1B}[K").filter { !$0.isEmpty }
        #expect(shown == ["cycle 1, 100 operations", "cycle 1, 200 operations", "cycle 1, 251 operations"])
    }

    @Test(arguments: [["--quiet"], ["--json"], ["--trace"]])
    func noProgressWith(options: [String]) async throws {
        let (code, stderr) = try await run(options)
        #expect(code == .success, "\(stderr)")
        #expect(!stderr.contains("operations"))
    }
}

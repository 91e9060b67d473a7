import RefineryCLI
import Testing

@Suite struct UsageErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        let message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["validat", "x"], message: "unknown command 'validat'; did you mean 'validate'?"),
        Case(arguments: ["frobnicate"], message: "unknown command 'frobnicate'"),
        Case(arguments: ["--frob"], message: "unknown option '--frob'"),
        Case(arguments: ["validate"], message: "missing argument PATH"),
        Case(arguments: ["validate", "--quite", "x"], message: "unknown option '--quite'; did you mean '--quiet'?"),
        Case(arguments: ["validate", "--quiet=yes", "x"], message: "option '--quiet' takes no value"),
        Case(arguments: ["validate", "-z", "x"], message: "unknown option '-z'"),
        Case(arguments: ["version", "extra"], message: "unexpected argument 'extra'"),
        Case(arguments: ["help", "nope"], message: "unknown command 'nope'"),
        Case(arguments: ["validate", "/definitely/not/here.json"], message: "no such file or folder '/definitely/not/here.json'"),
    ]

    @Test(arguments: cases)
    func usageErrorExits64WithMessage(_ testCase: Case) async {
        let outcome = await CLIHarness().run(testCase.arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.hasPrefix("refinery: error: \(testCase.message)\n"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("see 'refinery"))
    }
}

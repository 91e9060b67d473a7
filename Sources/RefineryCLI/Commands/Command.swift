import RefineryJSON

/// One `refinery` subcommand: its spec (help and parsing) and what it does.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    init()
    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode
}

/// What a command gets from the outside world: the console, the environment, the working directory.
/// Commands never read globals, so the CLI runs in-process in tests.
package struct CommandContext: Sendable {
    package var console: Console
    package var environment: [String: String]
    /// Relative paths are resolved against this directory.
    package var workingDirectory: String
    /// Asks the user a question on the terminal and returns the answer; nil when there is no terminal to
    /// ask on (then commands that need a confirmation refuse instead).
    package var ask: (@Sendable (String) -> String?)?

    package init(
        console: Console, environment: [String: String], workingDirectory: String,
        ask: (@Sendable (String) -> String?)? = nil
    ) {
        self.console = console
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.ask = ask
    }

    /// Renders diagnostics for standard error: colour only on a terminal, never with NO_COLOR.
    var diagnosticRenderer: DiagnosticRenderer {
        DiagnosticRenderer(isTerminal: console.stderrIsTerminal, environment: environment)
    }

    func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        console.err(diagnosticRenderer.render(diagnostics))
    }
}

import RefineryJSON

/// `refinery help [COMMAND]`.
struct HelpCommand: Command {
    static let spec = CommandSpec(
        name: "help",
        summary: "Show help for refinery or one of its commands.",
        positionals: [.init("COMMAND", optional: true, help: "The command to explain.")]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard let name = arguments.positionals.first else {
            context.console.out(HelpText.tool())
            return .success
        }
        guard let command = CommandRegistry.command(named: name) else {
            throw UsageError(CLIMessages.unknownCommand(name, suggestion: Suggestion.closest(to: name, in: CommandRegistry.names)))
        }
        context.console.out(HelpText.command(command.spec))
        return .success
    }
}

/// `refinery version` (also `refinery --version`).
struct VersionCommand: Command {
    static let spec = CommandSpec(
        name: "version",
        summary: "Print the version of refinery and the git commit it was built from.",
        discussion: """
        The commit is known when Scripts/install.sh built refinery; after a plain 'swift build' it is
        'unknown commit'.
        """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        context.console.out(Self.line(version: RefineryCLI.version, commit: BuildCommit.hash))
        return .success
    }

    /// `refinery 0.1.0 (commit 1a2b3c4d5e6f)`, or `refinery 0.1.0 (unknown commit)`.
    static func line(version: String, commit: String?) -> String {
        "refinery \(version) (\(commit.map { "commit \($0)" } ?? "unknown commit"))\n"
    }
}

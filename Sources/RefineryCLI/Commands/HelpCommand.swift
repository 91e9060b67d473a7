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
    static let spec = CommandSpec(name: "version", summary: "Print the version of refinery.")

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        context.console.out("refinery \(RefineryCLI.version)\n")
        return .success
    }
}

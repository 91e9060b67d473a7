/// `refinery completions bash|zsh|fish`: the shell completion script, from the command registry.
struct CompletionsCommand: Command {
    static let spec = CommandSpec(
        name: "completions",
        summary: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
        The script completes every command and option. Scripts/install.sh installs all three; by hand:
        'refinery completions bash > ~/.local/share/bash-completion/completions/refinery',
        'refinery completions zsh > ~/.zfunc/_refinery' (with ~/.zfunc in fpath), or
        'refinery completions fish > ~/.config/fish/completions/refinery.fish'.
        """,
        positionals: [.init("SHELL", help: "bash, zsh or fish.")],
        examples: ["refinery completions bash > ~/.local/share/bash-completion/completions/refinery"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let name = arguments.positionals.first ?? ""
        guard let shell = ShellCompletions.Shell(rawValue: name) else {
            let names = ShellCompletions.Shell.allCases.map(\.rawValue)
            throw UsageError(CLIMessages.unknownShell(name, known: names), command: Self.spec.name)
        }
        context.console.out(ShellCompletions().script(for: shell))
        return .success
    }
}

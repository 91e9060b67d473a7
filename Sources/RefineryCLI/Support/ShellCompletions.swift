/// Completion scripts for bash, zsh and fish, generated from the command specs (`CommandRegistry`), so
/// they list every command and option the parser accepts. `refinery completions SHELL` prints one;
/// `Scripts/install.sh` installs all three.
struct ShellCompletions {
    enum Shell: String, CaseIterable {
        case bash, zsh, fish
    }

    let commands: [CommandSpec]

    init(commands: [CommandSpec] = CommandRegistry.commands.map { $0.spec }) {
        self.commands = commands
    }

    func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash()
        case .zsh: zsh()
        case .fish: fish()
        }
    }

    /// Every option of a command, `--help` included.
    static func options(of spec: CommandSpec) -> [CommandSpec.Option] {
        spec.options + [CommandSpec.helpOption]
    }

    /// The values an option's placeholder lists (`text|json|github`), when it lists only words.
    static func choices(_ option: CommandSpec.Option) -> [String]? {
        guard let name = option.valueName, name.contains("|") else { return nil }
        let words = name.split(separator: "|").map(String.init)
        return words.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" || $0 == "-" } } ? words : nil
    }

    /// What a command's arguments complete to: command names for `help`, shells for `completions`,
    /// files for the rest.
    static func argumentWords(of spec: CommandSpec) -> [String]? {
        switch spec.name {
        case HelpCommand.spec.name: CommandRegistry.names
        case CompletionsCommand.spec.name: Shell.allCases.map(\.rawValue)
        default: nil
        }
    }

    static let toolOptions = [
        CommandSpec.Option("help", short: "h", help: "Show help."),
        CommandSpec.Option("version", help: "Print the version."),
    ]
}

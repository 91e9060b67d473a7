/// Help text, derived from the command specs so it never drifts from what the parser accepts.
enum HelpText {
    static func tool() -> String {
        var text = """
        refinery — a Make-style integration runtime for Refiner, with scenarios as files in git.

        Usage: refinery COMMAND [OPTIONS]

        Commands:

        """
        let width = CommandRegistry.commands.map { $0.spec.name.count }.max() ?? 0
        for command in CommandRegistry.commands {
            let name = command.spec.name
            text += "  " + name + String(repeating: " ", count: width - name.count + 2) + command.spec.summary + "\n"
        }
        text += """

        Options:
          -h, --help     Show help (also 'refinery COMMAND --help').
          --version      Print the version.

        Exit codes: 0 success, 1 the run failed, 64 usage error, 65 invalid module or scenario files.
        Run 'refinery help COMMAND' for the options of a command.

        """
        return text
    }

    static func command(_ spec: CommandSpec) -> String {
        var text = "\(spec.summary)\n\nUsage: \(spec.usage)\n"
        if let discussion = spec.discussion { text += "\n\(discussion)\n" }
        if !spec.positionals.isEmpty {
            text += "\nArguments:\n" + table(spec.positionals.map { ($0.name + ($0.repeats ? "..." : ""), $0.help) })
        }
        let options = spec.options + [CommandSpec.helpOption]
        text += "\nOptions:\n" + table(options.map { (optionLabel($0), $0.help) })
        if !spec.examples.isEmpty {
            text += "\nExamples:\n" + spec.examples.map { "  \($0)\n" }.joined()
        }
        return text
    }

    private static func optionLabel(_ option: CommandSpec.Option) -> String {
        let short = option.short.map { "-\($0), " } ?? ""
        return short + "--" + option.name + (option.valueName.map { " \($0)" } ?? "")
    }

    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 + "\n" }.joined()
    }
}

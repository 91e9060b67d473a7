/// What a command accepts, from which its help text and its parser are derived.
package struct CommandSpec: Sendable {
    package struct Option: Sendable {
        /// The long name without dashes: `json` for `--json`.
        package var name: String
        /// A one-letter alias without its dash, if any.
        package var short: Character?
        /// The value's placeholder (`FILE`); nil for a flag that takes no value.
        package var valueName: String?
        package var help: String
        /// The option may be given more than once (values accumulate).
        package var repeats: Bool

        package init(_ name: String, short: Character? = nil, value: String? = nil, repeats: Bool = false, help: String) {
            self.name = name
            self.short = short
            self.valueName = value
            self.help = help
            self.repeats = repeats
        }
    }

    package struct Positional: Sendable {
        package var name: String
        package var help: String
        package var optional: Bool
        package var repeats: Bool

        package init(_ name: String, optional: Bool = false, repeats: Bool = false, help: String) {
            self.name = name
            self.help = help
            self.optional = optional
            self.repeats = repeats
        }
    }

    package var name: String
    package var summary: String
    package var discussion: String?
    package var positionals: [Positional]
    package var options: [Option]
    /// Extra example lines shown in the help.
    package var examples: [String]

    package init(
        name: String, summary: String, discussion: String? = nil, positionals: [Positional] = [],
        options: [Option] = [], examples: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.positionals = positionals
        self.options = options
        self.examples = examples
    }

    /// `refinery validate PATH... [--json]`
    package var usage: String {
        var parts = ["refinery", name]
        for positional in positionals {
            var text = positional.name + (positional.repeats ? "..." : "")
            if positional.optional { text = "[\(text)]" }
            parts.append(text)
        }
        for option in options {
            parts.append("[--\(option.name)" + (option.valueName.map { " \($0)" } ?? "") + "]")
        }
        return parts.joined(separator: " ")
    }

    func option(named name: String) -> Option? {
        options.first { $0.name == name } ?? (name == "help" ? Self.helpOption : nil)
    }

    func option(short: Character) -> Option? {
        options.first { $0.short == short } ?? (short == "h" ? Self.helpOption : nil)
    }

    static let helpOption = Option("help", short: "h", help: "Show help for this command.")
}

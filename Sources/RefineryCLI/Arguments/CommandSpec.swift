/// What a command accepts, from which its help text and its parser are derived.
public struct CommandSpec: Sendable {
    public struct Option: Sendable {
        /// The long name without dashes: `json` for `--json`.
        public var name: String
        /// A one-letter alias without its dash, if any.
        public var short: Character?
        /// The value's placeholder (`FILE`); nil for a flag that takes no value.
        public var valueName: String?
        public var help: String
        /// The option may be given more than once (values accumulate).
        public var repeats: Bool

        public init(_ name: String, short: Character? = nil, value: String? = nil, repeats: Bool = false, help: String) {
            self.name = name
            self.short = short
            self.valueName = value
            self.help = help
            self.repeats = repeats
        }
    }

    public struct Positional: Sendable {
        public var name: String
        public var help: String
        public var optional: Bool
        public var repeats: Bool

        public init(_ name: String, optional: Bool = false, repeats: Bool = false, help: String) {
            self.name = name
            self.help = help
            self.optional = optional
            self.repeats = repeats
        }
    }

    public var name: String
    public var summary: String
    public var discussion: String?
    public var positionals: [Positional]
    public var options: [Option]
    /// Extra example lines shown in the help.
    public var examples: [String]

    public init(
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
    public var usage: String {
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

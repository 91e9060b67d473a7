/// A command line parsed against a `CommandSpec`.
package struct ParsedArguments: Sendable {
    package var positionals: [String] = []
    /// Option values by long name; a flag has one empty string per occurrence.
    package var options: [String: [String]] = [:]

    package func flag(_ name: String) -> Bool {
        options[name] != nil
    }

    /// The last value given for `name`.
    package func value(_ name: String) -> String? {
        options[name]?.last
    }

    package func values(_ name: String) -> [String] {
        options[name] ?? []
    }

    /// The value of `name` as an integer, or a usage error naming the option.
    package func integer(_ name: String, range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(CLIMessages.invalidInteger(option: name, value: text, range: range))
        }
        return number
    }
}

/// A mistake on the command line: printed with the usage and exit code 64.
package struct UsageError: Error, Sendable {
    package var message: String
    package var command: String?

    package init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }
}

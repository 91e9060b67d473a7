/// A command line parsed against a `CommandSpec`.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    /// Option values by long name; a flag has one empty string per occurrence.
    public var options: [String: [String]] = [:]

    public func flag(_ name: String) -> Bool {
        options[name] != nil
    }

    /// The last value given for `name`.
    public func value(_ name: String) -> String? {
        options[name]?.last
    }

    public func values(_ name: String) -> [String] {
        options[name] ?? []
    }

    /// The value of `name` as an integer, or a usage error naming the option.
    public func integer(_ name: String, range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(CLIMessages.invalidInteger(option: name, value: text, range: range))
        }
        return number
    }
}

/// A mistake on the command line: printed with the usage and exit code 64.
public struct UsageError: Error, Sendable {
    public var message: String
    public var command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }
}

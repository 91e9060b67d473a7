import RefineryJSON

/// Parses `--name value`, `--name=value`, `-x value`, flags, `--` and positionals against a spec.
struct ArgumentParser {
    let spec: CommandSpec

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        var onlyPositionals = false
        while let argument = remaining.popFirst() {
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
            } else if argument == "--" {
                onlyPositionals = true
            } else {
                let (option, inlineValue) = try resolveOption(argument)
                let value = try takeValue(for: option, inline: inlineValue, from: &remaining)
                if !option.repeats, parsed.options[option.name] != nil, option.valueName != nil {
                    throw UsageError(CLIMessages.repeatedOption(option.name), command: spec.name)
                }
                parsed.options[option.name, default: []].append(value)
            }
        }
        if parsed.flag("help") { return parsed }
        try checkPositionals(parsed.positionals)
        return parsed
    }

    private func resolveOption(_ argument: String) throws(UsageError) -> (CommandSpec.Option, String?) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard let option = spec.option(named: name) else {
                let names = spec.options.map(\.name) + ["help"]
                let suggestion = Suggestion.closest(to: name, in: names).map { "--" + $0 }
                throw UsageError(CLIMessages.unknownOption("--" + name, suggestion: suggestion), command: spec.name)
            }
            return (option, parts.count > 1 ? String(parts[1]) : nil)
        }
        let letters = Array(argument.dropFirst())
        guard letters.count == 1, let option = spec.option(short: letters[0]) else {
            throw UsageError(CLIMessages.unknownOption(argument, suggestion: nil), command: spec.name)
        }
        return (option, nil)
    }

    private func takeValue(
        for option: CommandSpec.Option, inline: String?, from remaining: inout ArraySlice<String>
    ) throws(UsageError) -> String {
        guard let valueName = option.valueName else {
            if inline != nil { throw UsageError(CLIMessages.flagTakesNoValue(option.name), command: spec.name) }
            return ""
        }
        if let inline { return inline }
        guard let next = remaining.popFirst() else {
            throw UsageError(CLIMessages.missingOptionValue(option.name, valueName: valueName), command: spec.name)
        }
        return next
    }

    private func checkPositionals(_ values: [String]) throws(UsageError) {
        let required = spec.positionals.filter { !$0.optional }
        if values.count < required.count {
            let missing = required[values.count]
            throw UsageError(CLIMessages.missingArgument(missing.name), command: spec.name)
        }
        let repeats = spec.positionals.contains { $0.repeats }
        if !repeats, values.count > spec.positionals.count {
            throw UsageError(CLIMessages.unexpectedArgument(values[spec.positionals.count]), command: spec.name)
        }
    }
}

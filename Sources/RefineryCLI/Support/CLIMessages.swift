/// Every user-facing message of the command line in one place. Messages start lowercase and quote the
/// user's own words.
enum CLIMessages {
    static func unknownCommand(_ name: String, suggestion: String?) -> String {
        "unknown command '\(name)'" + didYouMean(suggestion)
    }

    static func unknownOption(_ option: String, suggestion: String?) -> String {
        "unknown option '\(option)'" + didYouMean(suggestion)
    }

    static func missingOptionValue(_ name: String, valueName: String) -> String {
        "option '--\(name)' needs a value (\(valueName))"
    }

    static func flagTakesNoValue(_ name: String) -> String {
        "option '--\(name)' takes no value"
    }

    static func repeatedOption(_ name: String) -> String {
        "option '--\(name)' is given more than once"
    }

    static func missingArgument(_ name: String) -> String {
        "missing argument \(name)"
    }

    static func unexpectedArgument(_ value: String) -> String {
        "unexpected argument '\(value)'"
    }

    static func invalidInteger(option: String, value: String, range: ClosedRange<Int>) -> String {
        let bounds = range.upperBound == Int.max ? "\(range.lowerBound) or more" : "\(range.lowerBound)...\(range.upperBound)"
        return "option '--\(option)' needs an integer \(bounds), not '\(value)'"
    }

    static func pathNotFound(_ path: String) -> String {
        "no such file or folder '\(path)'"
    }

    static func unreadableFile(_ path: String, reason: String) -> String {
        "cannot read '\(path)': \(reason)"
    }

    static func usageFooter(command: String?) -> String {
        command.map { "see 'refinery \($0) --help'" } ?? "see 'refinery --help'"
    }

    static func validateSummary(files: Int, errors: Int, warnings: Int) -> String {
        let fileWord = files == 1 ? "file" : "files"
        if errors == 0 && warnings == 0 { return "\(files) \(fileWord) valid\n" }
        return "\(files) \(fileWord) checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
    }

    static func unknownGraphFormat(_ format: String, known: [String]) -> String {
        "unknown format '\(format)'; use one of: \(known.joined(separator: ", "))"
    }

    static func unknownFormat(_ format: String, known: [String], suggestion: String?) -> String {
        "unknown format '\(format)'; use one of: \(known.joined(separator: ", "))" + didYouMean(suggestion)
    }

    static func unknownShell(_ shell: String, known: [String]) -> String {
        "unknown shell '\(shell)'; use one of: \(known.joined(separator: ", "))"
    }

    static func unknownTimeZone(_ name: String) -> String {
        "unknown time zone '\(name)'; use an IANA name such as 'Europe/Prague'"
    }

    static func scopeNotObject(_ type: String) -> String {
        "the scope must be a JSON object (its keys are the template's top-level names), got \(type)"
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

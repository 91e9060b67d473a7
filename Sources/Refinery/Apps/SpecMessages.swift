import RefineryJSON

/// Every message about app and module files, in one place. Messages start lowercase and quote the
/// user's tokens.
enum SpecMessages {
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "the string '\(text.count > 40 ? String(text.prefix(40)) + "..." : text)'"
        default: value.typeName
        }
    }

    static func outside(_ what: String, _ value: Int, _ range: ClosedRange<Int>) -> String {
        "'\(what)' must be from \(range.lowerBound) to \(range.upperBound), not \(value)"
    }

    static func wrongType(_ what: String, expected: String, found: JSONValue) -> String {
        "\(what) must be \(expected), not \(describe(found))"
    }

    static func unknownKey(_ key: String, in what: String, suggestion: String?) -> String {
        "unknown key '\(key)' in \(what)\(didYouMean(suggestion))"
    }

    static func missing(_ key: String, in what: String) -> String {
        "\(what) has no '\(key)'"
    }

    static func notOneOf(_ value: String, key: String, choices: [String], suggestion: String?) -> String {
        "'\(value)' is not a valid '\(key)'\(didYouMean(suggestion)) (expected one of \(choices.map { "'\($0)'" }.joined(separator: ", ")))"
    }

    static func nameMismatch(_ name: String, file: String) -> String {
        "module name '\(name)' does not match its file name '\(file)'"
    }

    static func duplicateField(_ name: String) -> String {
        "field '\(name)' is declared twice"
    }

    static func fieldRule(_ detail: String) -> String {
        "field spec makes no sense: \(detail)"
    }
}

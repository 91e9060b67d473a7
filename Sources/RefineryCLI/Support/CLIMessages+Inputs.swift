/// Messages about scenario inputs (`--input`, `--inputs`).
extension CLIMessages {
    static func invalidInput(_ pair: String) -> String {
        "--input takes NAME=VALUE; got '\(pair.prefix(80))'"
    }

    static func unreadableInputs(_ file: String) -> String {
        "cannot read scenario inputs from '\(file)': it must be a JSON object"
    }

    static func invalidInputs(_ problems: [String], scenario: String? = nil) -> String {
        (scenario.map { "scenario '\($0)': " } ?? "") + "the scenario inputs do not fit its io.input_spec: " + problems.joined(separator: "; ")
    }

    static func undeclaredInputs(_ names: [String]) -> String {
        "no scenario served declares the input" + (names.count == 1 ? " " : "s ") + names.map { "'\($0)'" }.joined(separator: ", ")
            + " in its io.input_spec"
    }
}

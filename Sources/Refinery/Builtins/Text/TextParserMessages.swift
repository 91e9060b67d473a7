import IML

/// Every message of the Text parser modules (`regexp:*`). Patterns are the user's own text, shown in
/// full up to 200 characters.
enum TextParserMessages {
    static func invalidPattern(_ pattern: String, module: String) -> String {
        "'\(module)': the pattern '\(pattern.prefix(200))' is not a regular expression"
    }

    static func patternTooSlow(_ pattern: String, module: String, length: Int) -> String {
        "'\(module)': the pattern '\(pattern.prefix(200))' did not finish matching a text of \(length) characters within "
            + "\(BoundedRegex.maxSeconds) s (it backtracks too much); simplify it, e.g. (a+)+ to a+"
    }

    static func textTooLarge(module: String) -> String {
        "'\(module)': the replaced text would be over \(IMLLimits.maxTextBytes >> 20) MiB"
    }

    static func unknownNewline(_ value: String) -> String {
        "'newline' must be one of lf, crlf, cr; got '\(value.prefix(40))'"
    }
}

/// Renders diagnostics the way compilers do:
///
/// ```
/// scenarios/nps.json#/flow/2/mapper/email:14:13: error: unknown function 'lowr'; did you mean 'lower'? [iml.unknown-function]
///     "email": "{{ lowr(1.email) }}"
///                  ^
/// ```
public struct DiagnosticRenderer: Sendable {
    public var colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    public init(isTerminal: Bool, environment: [String: String]) {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        self.colors = isTerminal && !noColor && environment["TERM"] != "dumb"
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// One diagnostic, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let source = diagnostic.source { out += bold("\(source): ") }
        out += severityLabel(diagnostic.severity) + bold(diagnostic.message) + " [\(diagnostic.code)]\n"
        if let excerpt = diagnostic.excerpt {
            out += "    " + excerpt + "\n"
            if let column = diagnostic.excerptColumn ?? diagnostic.source?.column {
                out += "    " + caretPadding(excerpt, column: column) + green("^") + "\n"
            }
        }
        for note in diagnostic.notes { out += "    " + cyan("note: ") + note + "\n" }
        return out
    }

    /// Spaces up to `column`, keeping tabs so the caret lines up under tabbed source.
    private func caretPadding(_ line: String, column: Int) -> String {
        var padding = ""
        for character in line.prefix(max(0, column - 1)) {
            padding.append(character == "\t" ? "\t" : " ")
        }
        return padding
    }

    private func severityLabel(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: paint("error: ", "1;31")
        case .warning: paint("warning: ", "1;35")
        case .note: paint("note: ", "1;36")
        }
    }

    private func bold(_ text: String) -> String { paint(text, "1") }
    private func green(_ text: String) -> String { paint(text, "1;32") }
    private func cyan(_ text: String) -> String { paint(text, "36") }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

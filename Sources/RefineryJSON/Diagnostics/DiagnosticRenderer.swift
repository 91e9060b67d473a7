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
            let column = diagnostic.excerptColumn ?? diagnostic.source?.column
            let (text, caret) = column.map { SourceText.window(excerpt, column: $0) } ?? (excerpt, nil)
            out += "    " + text + "\n"
            if let caret {
                out += "    " + caretPadding(text, column: caret) + green("^") + "\n"
            }
        }
        for note in diagnostic.notes { out += "    " + cyan("note: ") + note + "\n" }
        return out
    }

    /// Blanks up to `column` (counted in Unicode scalars), as wide as the text they stand under: tabs stay
    /// tabs, East Asian wide characters and emoji take two cells, combining marks none.
    func caretPadding(_ line: String, column: Int) -> String {
        var padding = ""
        var remaining = max(0, column - 1)
        for character in line where remaining > 0 {
            remaining -= character.unicodeScalars.count
            if character == "\t" {
                padding.append("\t")
            } else {
                padding += Self.isWide(character) ? "  " : " "
            }
        }
        return padding
    }

    /// Whether a terminal shows `character` in two cells (CJK, Hangul, fullwidth forms, most emoji).
    static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        switch scalar {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
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

/// Where a problem is: a file, a JSON Pointer inside it, and when known the line and column (1-based).
public struct SourceRef: Sendable, Hashable {
    public var file: String
    public var pointer: JSONPointer?
    public var line: Int?
    public var column: Int?

    public init(file: String, pointer: JSONPointer? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.pointer = pointer
        self.line = line
        self.column = column
    }
}

extension SourceRef: CustomStringConvertible {
    /// `file#pointer:line:col`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if let pointer { text += "#\(pointer)" }
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}

/// A problem a user can fix: a stable dotted code, a message, where it is, and the offending text.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    /// Dotted kebab-case, stable, listed in docs/diagnostics.md: `json.trailing-comma`.
    public var code: String
    public var message: String
    public var source: SourceRef?
    /// The source line the problem is on, shown under the message with a caret at `source.column`.
    public var excerpt: String?
    /// Column of the caret within `excerpt` when it differs from `source.column` (1-based).
    public var excerptColumn: Int?
    public var notes: [String]

    public init(
        _ severity: Severity = .error,
        code: String,
        message: String,
        source: SourceRef? = nil,
        excerpt: String? = nil,
        excerptColumn: Int? = nil,
        notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.source = source
        self.excerpt = excerpt
        self.excerptColumn = excerptColumn
        self.notes = notes
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { DiagnosticRenderer(colors: false).render(self) }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

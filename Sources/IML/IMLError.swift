public import RefineryJSON

/// A problem in one IML template: a stable code, a message, the 1-based column in the template string
/// (counted in Unicode scalars) and optional notes such as a "did you mean" suggestion.
///
/// Compile errors (`iml.unknown-function`, `iml.unexpected-token`, ...) are thrown by `Template.init`;
/// evaluation errors (`iml.type-mismatch`, `iml.division-by-zero`, ...) by `evaluate`. Every code is
/// listed in docs/iml.md ("Diagnostic codes"); the wording lives in `IMLError+Messages.swift`.
public struct IMLError: Error, Sendable, Hashable {
    public var code: String
    public var message: String
    public var column: Int
    public var notes: [String]
    /// Where the template's string sits in its file, once a `TemplateTree` that knows it passes the
    /// error on (evaluation errors of a compiled blueprint or module value).
    public var pointer: JSONPointer?

    public init(code: String, message: String, column: Int, notes: [String] = []) {
        self.code = code
        self.message = message
        self.column = column
        self.notes = notes
    }
}

extension IMLError: CustomStringConvertible {
    /// `column 7: unknown function 'lowr' [iml.unknown-function]`
    public var description: String { "column \(column): \(message) [\(code)]" }
}

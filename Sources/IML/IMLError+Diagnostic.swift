public import RefineryJSON

extension IMLError {
    /// The error as a shared `Diagnostic`, located at the JSON string `pointer` of `document` with the caret
    /// on the expression inside the string (`atKey` when the template is an object key).
    ///
    /// The column is counted from the string's opening quote; escapes written in the JSON source (`\"`,
    /// `\n`) before the expression shift the caret by their extra characters.
    public func diagnostic(in document: JSONDocument, at pointer: JSONPointer, atKey: Bool = false) -> Diagnostic {
        document.diagnostic(
            code: code, message: message, at: pointer, atKey: atKey, columnOffset: column, notes: notes
        )
    }

    /// The error as a `Diagnostic` about a template given on its own (the command line): the excerpt is the
    /// template and the caret sits under `column`.
    public func diagnostic(template: String, file: String = "<template>") -> Diagnostic {
        Diagnostic(
            code: code, message: message, source: SourceRef(file: file, line: 1, column: column),
            excerpt: template, notes: notes
        )
    }
}

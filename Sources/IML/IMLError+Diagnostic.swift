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

    /// An evaluation error of a value compiled from `document`, one line: `file#/pointer:line:col: message
    /// [code]`, as load-time diagnostics name their place (`file: column N: ...` when the pointer is unknown).
    public func located(in document: JSONDocument) -> String {
        guard let pointer else { return "\(document.source.file): \(description)" }
        let place = document.diagnostic(code: code, message: message, at: pointer, columnOffset: column).source
        return "\(place?.description ?? document.source.file): \(message) [\(code)]"
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

import Foundation
import RefineryJSON

/// How `refinery validate --format` prints its diagnostics: `text` (compiler-style, on standard error),
/// `json` (one document on standard output) or `github` (GitHub Actions workflow commands on standard
/// output, which the runner turns into annotations on the pull request).
enum DiagnosticFormat: String, CaseIterable {
    case text, json, github

    static let option = CommandSpec.Option(
        "format", value: "text|json|github",
        help: "text (default), json or github (Actions annotations)."
    )

    /// The format named by `--format`, or a usage error with a suggestion.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        let name = arguments.value("format") ?? "text"
        guard let format = DiagnosticFormat(rawValue: name) else {
            let names = Self.allCases.map(\.rawValue)
            throw UsageError(CLIMessages.unknownFormat(name, known: names, suggestion: Suggestion.closest(to: name, in: names)), command: "validate")
        }
        self = format
    }

    /// `{"files": N, "errors": E, "warnings": W, "diagnostics": [{file, pointer, line, column, severity,
    /// code, message}]}`; unknown parts are `null`.
    static func json(_ diagnostics: [Diagnostic], files: Int) -> String {
        let items = diagnostics.map { diagnostic -> JSONValue in
            let source = diagnostic.source
            return [
                "file": source.map { .string($0.file) } ?? .null,
                "pointer": source?.pointer.map { .string($0.description) } ?? .null,
                "line": source?.line.map { .int($0) } ?? .null,
                "column": source?.column.map { .int($0) } ?? .null,
                "severity": .string(diagnostic.severity.rawValue),
                "code": .string(diagnostic.code),
                "message": .string(diagnostic.message),
            ]
        }
        let document: JSONValue = [
            "files": .int(files),
            "errors": .int(diagnostics.filter { $0.severity == .error }.count),
            "warnings": .int(diagnostics.filter { $0.severity == .warning }.count),
            "diagnostics": .array(items),
        ]
        return document.serialized(.pretty) + "\n"
    }

    /// One workflow command a line: `::error file=F,line=L,col=C,title=CODE::message (at #/pointer)`.
    static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(githubLine).joined()
    }

    private static func githubLine(_ diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties: [String] = []
        if let source = diagnostic.source {
            properties.append("file=" + escapeProperty(source.file))
            if let line = source.line { properties.append("line=\(line)") }
            if let column = source.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + escapeProperty(diagnostic.code))
        var message = diagnostic.message
        if let pointer = diagnostic.source?.pointer, !pointer.tokens.isEmpty { message += " (at #\(pointer))" }
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// GitHub's escaping of a command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value also escapes `:` and `,`, which would end it.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

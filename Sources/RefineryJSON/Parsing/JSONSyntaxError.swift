/// Why a text is not JSON, and where: a byte offset, turned into a 1-based line and column.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// Dotted code as in docs/diagnostics.md: `json.trailing-comma`, `json.unexpected-end`, ...
    public var code: String
    /// What was wrong and what was expected: "expected ',' or '}' after an object member, found ']'".
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(code: String, message: String, offset: Int, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The error as a diagnostic of `source`, with the offending line as excerpt.
    public func diagnostic(in source: SourceText) -> Diagnostic {
        source.diagnostic(code: code, message: message, at: offset)
    }
}

extension JSONSyntaxError: CustomStringConvertible {
    public var description: String { "\(line):\(column): \(message) [\(code)]" }
}

/// The parser's limits, documented so callers know what is refused.
public struct JSONParserLimits: Sendable, Hashable {
    /// Arrays and objects nested deeper than this are refused (`json.too-deep`); `maxDepth` levels are
    /// accepted, and an empty `[]` or `{}` counts as a level. The parser is iterative, so any input is
    /// safe to parse; but comparing, hashing, serializing and freeing a value recurse once per level, so
    /// keep the limit in the thousands at most. Default 512.
    public var maxDepth: Int

    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }
}

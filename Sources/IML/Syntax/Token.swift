/// One token of an expression. `column` is 1-based in the whole template string.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(JSONNumberText)
        case string(String)
        /// A name: a path segment, keyword or function name (`email`, `1`, `formatDate`).
        case name(String)
        /// A backtick-quoted key: ``Customer Name``.
        case quotedName(String)
        case symbol(String)
        /// `}}`, the end of the expression.
        case close
        case end
    }

    var kind: Kind
    var column: Int

    /// The token as a message quotes it.
    var display: String {
        switch kind {
        case .number(let number): number.text
        case .string(let text): "'\(text)'"
        case .name(let name): name
        case .quotedName(let name): "`\(name)`"
        case .symbol(let symbol): symbol
        case .close: "}}"
        case .end: "end of text"
        }
    }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let own) = kind { return own == symbol }
        return false
    }
}

/// A number literal's text, converted when parsed.
struct JSONNumberText: Sendable, Hashable {
    var text: String
}

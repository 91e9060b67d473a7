/// Splits the inside of one `{{ ... }}` into tokens, on demand. Works on the template's Unicode scalars so
/// that columns match what an editor shows.
struct Lexer {
    let scalars: [Unicode.Scalar]
    private(set) var position: Int

    init(scalars: [Unicode.Scalar], start: Int) {
        self.scalars = scalars
        self.position = start
    }

    /// Two-character and three-character operators, longest first.
    private static let symbols: [String] = [
        "===", "!==", "&&", "||", "==", "!=", "<>", "<=", ">=", "++",
        "!", "*", "/", "%", "+", "-", "<", ">", "=", "&", "|", "(", ")", "[", "]", ".", ",", ";",
    ]

    mutating func next() throws(IMLError) -> Token {
        skipSpace()
        let column = position + 1
        guard position < scalars.count else { return Token(kind: .end, column: column) }
        let scalar = scalars[position]
        if scalar == "}", peek(1) == "}" {
            position += 2
            return Token(kind: .close, column: column)
        }
        if scalar == "'" || scalar == "\"" { return try string(quote: scalar) }
        if scalar == "`" { return try quotedName() }
        if Self.isDigit(scalar) { return number() }
        if Self.isNameStart(scalar) { return name() }
        for symbol in Self.symbols where matches(symbol) {
            position += symbol.unicodeScalars.count
            return Token(kind: .symbol(symbol), column: column)
        }
        throw .invalidCharacter(scalar, column: column)
    }

    /// Reads a `/pattern/flags` literal starting at `column` (the `/` the parser already saw).
    mutating func regex(startingAt column: Int) throws(IMLError) -> Token {
        position = column
        var text = "/"
        var escaped = false
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            text.unicodeScalars.append(scalar)
            if escaped { escaped = false; continue }
            if scalar == "\\" { escaped = true; continue }
            if scalar == "/" {
                while position < scalars.count, Self.isNameStart(scalars[position]) {
                    text.unicodeScalars.append(scalars[position])
                    position += 1
                }
                return Token(kind: .string(text), column: column)
            }
        }
        throw .unterminatedString(column)
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = 0
        for scalar in symbol.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    private mutating func string(quote: Unicode.Scalar) throws(IMLError) -> Token {
        let column = position + 1
        position += 1
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == quote {
                // Make's exports double a quote to write it inside quoted text: `"say ""hi"""`.
                guard peek(0) == quote else { return Token(kind: .string(String(text)), column: column) }
                position += 1
                text.append(quote)
                continue
            }
            guard scalar == "\\", position < scalars.count else {
                text.append(scalar)
                continue
            }
            escape(into: &text)
        }
        throw .unterminatedString(column)
    }

    /// `\n \r \t \\ \' \" \/ \uXXXX`; any other backslash is kept, so `"/\d+/"` stays a regex.
    private mutating func escape(into text: inout String.UnicodeScalarView) {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "n": text.append("\n")
        case "r": text.append("\r")
        case "t": text.append("\t")
        case "\\", "'", "\"", "`": text.append(scalar)
        case "u":
            if let decoded = unicodeEscape() { text.append(decoded) } else { text.append("\\"); text.append("u") }
        default:
            text.append("\\")
            text.append(scalar)
        }
    }

    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard position + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[position..<position + 4] {
            guard let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value * 16 + digit
        }
        guard let decoded = Unicode.Scalar(value) else { return nil }
        position += 4
        return decoded
    }

    private mutating func quotedName() throws(IMLError) -> Token {
        let column = position + 1
        position += 1
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == "`" { return Token(kind: .quotedName(String(text)), column: column) }
            text.append(scalar)
        }
        throw .unterminatedString(column)
    }

    /// Digits, an optional fraction and exponent. `1.email` and `1[2]` are a path root named `1`.
    private mutating func number() -> Token {
        let column = position + 1
        let start = position
        while let scalar = peek(0), Self.isDigit(scalar) { position += 1 }
        if peek(0) == ".", let after = peek(1), Self.isDigit(after) {
            position += 1
            while let scalar = peek(0), Self.isDigit(scalar) { position += 1 }
        } else if startsPathAfterDigits() {
            return nameRest(from: start, column: column)
        }
        if let marker = peek(0), marker == "e" || marker == "E" { exponent() }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        return Token(kind: .number(JSONNumberText(text: text)), column: column)
    }

    /// `1.email`, ``1.`Name` ``, `1[2]` and `1abc` make the digits a name rather than a number.
    private func startsPathAfterDigits() -> Bool {
        guard let after = peek(0) else { return false }
        if after == "e" || after == "E", let next = peek(1),
           Self.isDigit(next) || ((next == "+" || next == "-") && peek(2).map(Self.isDigit) == true) {
            return false
        }
        if after == "[" || Self.isNameStart(after) { return true }
        guard after == ".", let next = peek(1) else { return false }
        return Self.isNameStart(next) || next == "`"
    }

    private mutating func exponent() {
        var offset = 1
        if let sign = peek(1), sign == "+" || sign == "-" { offset = 2 }
        guard let digit = peek(offset), Self.isDigit(digit) else { return }
        position += offset
        while let scalar = peek(0), Self.isDigit(scalar) { position += 1 }
    }

    private mutating func name() -> Token {
        nameRest(from: position, column: position + 1)
    }

    private mutating func nameRest(from start: Int, column: Int) -> Token {
        position = start
        while let scalar = peek(0), Self.isNameStart(scalar) || Self.isDigit(scalar) { position += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        return Token(kind: .name(text), column: column)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    /// Letters, `_`, `$`, `@` and `#` start a name; so do non-ASCII letters.
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x24, 0x40: true
        case 0x80...: scalar.properties.isAlphabetic
        default: false
        }
    }
}

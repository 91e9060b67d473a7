/// Splits HTML into text, start tags (lowercased name, attributes) and end tags, forgivingly: a `<`
/// that starts no tag is text, comments and `<!…>`/`<?…>` declarations are dropped, an unterminated
/// tag ends the document.
struct HTMLScanner {
    enum Token: Equatable {
        case text(String)
        case start(String, [String: String])
        case end(String)
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ html: String) {
        scalars = Array(html.unicodeScalars)
    }

    mutating func next() -> Token? {
        while position < scalars.count {
            guard scalars[position] == "<" else { return .text(readText()) }
            if let token = readMarkup() { return token }
        }
        return nil
    }

    /// Skips everything up to and including `</name>` (the content of `script`, `style`, `head`…).
    mutating func skipContent(of name: String) {
        let closing = Array("</\(name)".unicodeScalars)
        while position < scalars.count {
            if matches(closing, caseInsensitive: true) {
                position += closing.count
                skip(past: ">")
                return
            }
            position += 1
        }
    }

    private mutating func readText() -> String {
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            if scalars[position] == "<", startsMarkup(at: position) { break }
            text.append(scalars[position])
            position += 1
        }
        return String(text)
    }

    private func startsMarkup(at index: Int) -> Bool {
        guard index + 1 < scalars.count else { return false }
        let next = scalars[index + 1]
        return next == "!" || next == "?" || next == "/" || next.properties.isAlphabetic
    }

    /// At a `<`: a tag, or nil after skipping a comment or declaration (or a `<` that is text).
    private mutating func readMarkup() -> Token? {
        if matches(Array("<!--".unicodeScalars), caseInsensitive: false) {
            position += 4
            while position < scalars.count, !matches(Array("-->".unicodeScalars), caseInsensitive: false) { position += 1 }
            position = min(scalars.count, position + 3)
            return nil
        }
        guard startsMarkup(at: position) else {
            position += 1
            return .text("<")
        }
        let next = scalars[position + 1]
        if next == "!" || next == "?" {
            skip(past: ">")
            return nil
        }
        position += 1
        let closing = next == "/"
        if closing { position += 1 }
        let name = readName().lowercased()
        let attributes = readAttributes()
        if name.isEmpty { return nil }
        return closing ? .end(name) : .start(name, attributes)
    }

    private mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        while position < scalars.count, !Self.endsName(scalars[position]) {
            name.append(scalars[position])
            position += 1
        }
        return String(name)
    }

    private static func endsName(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == ">" || scalar == "/" || scalar == "="
    }

    /// Attributes up to the tag's `>` (names lowercased; a value quoted or not).
    private mutating func readAttributes() -> [String: String] {
        var attributes: [String: String] = [:]
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == ">" { position += 1; break }
            if scalar.properties.isWhitespace || scalar == "/" { position += 1; continue }
            let name = readName().lowercased()
            if name.isEmpty { position += 1; continue }
            attributes[name] = position < scalars.count && scalars[position] == "=" ? readValue() : ""
        }
        return attributes
    }

    private mutating func readValue() -> String {
        position += 1
        var value = String.UnicodeScalarView()
        guard position < scalars.count else { return "" }
        let quote = scalars[position]
        if quote == "\"" || quote == "'" {
            position += 1
            while position < scalars.count, scalars[position] != quote {
                value.append(scalars[position])
                position += 1
            }
            position += 1
        } else {
            while position < scalars.count, !scalars[position].properties.isWhitespace, scalars[position] != ">" {
                value.append(scalars[position])
                position += 1
            }
        }
        return String(value)
    }

    private mutating func skip(past terminator: Unicode.Scalar) {
        while position < scalars.count, scalars[position] != terminator { position += 1 }
        position = min(scalars.count, position + 1)
    }

    private func matches(_ pattern: [Unicode.Scalar], caseInsensitive: Bool) -> Bool {
        guard position + pattern.count <= scalars.count else { return false }
        for (offset, expected) in pattern.enumerated() {
            let actual = scalars[position + offset]
            if caseInsensitive ? String(actual).lowercased() != String(expected).lowercased() : actual != expected { return false }
        }
        return true
    }
}

extension JSONParser {
    @inline(__always)
    func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The current byte as messages show it: `'x'`, `the end of the document`, `byte 0x1F`.
    func describeCurrent() -> String {
        guard let byte = peek() else { return "the end of the document" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        if byte >= 0x80 { return "a non-ASCII character" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// The run of letters at the current position (`'tru'`, `'nul'`), for a misspelt literal.
    func describeWord() -> String {
        var end = position
        while end < bytes.count, end - position < 20, Self.isWordByte(bytes[end]) { end += 1 }
        guard end > position else { return describeCurrent() }
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self) + "'"
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    /// `code` at the current position, or `json.unexpected-end` when the document stops where more was
    /// expected (a truncated document).
    func structuralError(_ code: String, _ message: String) -> JSONSyntaxError {
        error(position >= bytes.count ? "json.unexpected-end" : code, message)
    }

    /// An error at `offset` (default: the current position), with its line and column.
    func error(_ code: String, _ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = SourceText.column(of: offset, lineStart: lineStart, in: bytes)
        return JSONSyntaxError(code: code, message: message, offset: offset, line: line, column: column)
    }
}

extension JSONParser {
    /// A string starting at the opening quote. Plain strings are built straight from the input; strings with
    /// escapes are decoded into a reused scratch buffer.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var isASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try makeString(slice, isASCII: isASCII, start: start)
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(start: start) }
            if byte < 0x20 { throw controlCharacterError() }
            if byte >= 0x80 { isASCII = false }
            position += 1
        }
        throw error("json.unterminated-string", "expected '\"' to close the string, found the end of the document")
    }

    private func makeString(
        _ slice: UnsafeBufferPointer<UInt8>, isASCII: Bool, start: Int
    ) throws(JSONSyntaxError) -> String {
        if isASCII { return String(decoding: slice, as: UTF8.self) }
        if let string = String(validating: slice, as: UTF8.self) { return string }
        throw invalidUTF8Error(slice, start: start)
    }

    private mutating func parseEscapedString(start: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        var isASCII = scratch.allSatisfy { $0 < 0x80 }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                let decoded = scratch
                return try decoded.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                    try makeString(buffer, isASCII: isASCII, start: start)
                }
            case UInt8(ascii: "\\"):
                try decodeEscape()
            case 0..<0x20:
                throw controlCharacterError()
            default:
                if byte >= 0x80 { isASCII = false }
                scratch.append(byte)
                position += 1
            }
        }
        throw error("json.unterminated-string", "expected '\"' to close the string, found the end of the document")
    }

    /// One escape sequence starting at the backslash, appended to `scratch` as UTF-8.
    private mutating func decodeEscape() throws(JSONSyntaxError) {
        let escapeStart = position
        position += 1
        guard let letter = peek() else {
            throw error("json.unterminated-string", "expected an escape character after '\\', found the end of the document")
        }
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): try decodeUnicodeEscape(escapeStart: escapeStart)
        default:
            throw error(
                "json.invalid-escape",
                "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\\(Character(UnicodeScalar(letter)))'",
                at: escapeStart
            )
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`; a lone surrogate is an error.
    private mutating func decodeUnicodeEscape(escapeStart: Int) throws(JSONSyntaxError) {
        let first = try readHex4(escapeStart: escapeStart)
        var scalarValue = first
        if (0xD800...0xDBFF).contains(first) {
            let lowStart = position
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                throw error("json.lone-surrogate", "expected a low surrogate '\\uDC00'...'\\uDFFF' after the high surrogate", at: escapeStart)
            }
            let second = try readHex4(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("json.lone-surrogate", "expected a low surrogate '\\uDC00'...'\\uDFFF' after the high surrogate", at: lowStart)
            }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw error("json.lone-surrogate", "found a low surrogate with no high surrogate before it", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw error("json.invalid-escape", "the escape is not a Unicode scalar", at: escapeStart)
        }
        scratch.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = hexValue(byte) else {
                throw error("json.invalid-escape", "expected four hexadecimal digits after '\\u'", at: escapeStart)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func controlCharacterError() -> JSONSyntaxError {
        error("json.control-character", "expected a printable character in the string, found \(describeCurrent()) (escape it, e.g. '\\n')")
    }

    /// Finds the first invalid UTF-8 byte. `slice` may be the decoded scratch buffer, so the offset is
    /// reported at the string's start when it cannot be mapped back exactly.
    private func invalidUTF8Error(_ slice: UnsafeBufferPointer<UInt8>, start: Int) -> JSONSyntaxError {
        var offset = 0
        var iterator = slice.makeIterator()
        var decoder = UTF8()
        loop: while true {
            let before = offset
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error:
                offset = before
                break loop
            }
        }
        let isInPlace = slice.baseAddress == bytes.baseAddress.map { $0 + start }
        return error("json.invalid-utf8", "expected valid UTF-8 text in the string", at: isInPlace ? start + offset : start)
    }
}

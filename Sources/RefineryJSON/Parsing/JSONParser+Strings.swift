extension JSONParser {
    /// A string starting at the opening quote. Plain strings are built straight from the input; strings with
    /// escapes are decoded into a reused scratch buffer.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var isASCII = true
        skipPlainWords(isASCII: &isASCII)
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if isASCII { return String(decoding: slice, as: UTF8.self) }
                if let string = String(validating: slice, as: UTF8.self) { return string }
                throw invalidUTF8Error(from: start)
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(start: start) }
            if byte < 0x20 { throw controlCharacterError() }
            if byte >= 0x80 { isASCII = false }
            position += 1
        }
        throw error("json.unterminated-string", "expected '\"' to close the string, found the end of the document")
    }

    /// Skips eight bytes at a time while none of them is a quote, a backslash or a control character,
    /// noting whether any is non-ASCII; the byte loop takes over at the word that needs a closer look.
    @inline(__always)
    private mutating func skipPlainWords(isASCII: inout Bool) {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & high != 0 { return }
            if word & high != 0 { isASCII = false }
            position += 8
        }
    }

    /// The rest of a string that has an escape; every non-ASCII sequence is checked as it is copied.
    private mutating func parseEscapedString(start: Int) throws(JSONSyntaxError) -> String {
        let plain = position
        position = start
        while position < plain {
            if bytes[position] >= 0x80 { try checkUTF8Sequence() } else { position += 1 }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<plain]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try decodeEscape()
            case 0..<0x20:
                throw controlCharacterError()
            case 0x80...:
                let sequenceStart = position
                try checkUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<position]))
            default:
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
                "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\\(letter < 0x80 && letter >= 0x20 ? String(UnicodeScalar(letter)) : "…")'",
                at: escapeStart
            )
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`; a lone surrogate is an error.
    private mutating func decodeUnicodeEscape(escapeStart: Int) throws(JSONSyntaxError) {
        let first = try readHex4(escapeStart: escapeStart)
        var scalar = first
        if (0xD800...0xDBFF).contains(first) {
            let lowStart = position
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw error("json.lone-surrogate", "expected a low surrogate '\\uDC00'...'\\uDFFF' after the high surrogate", at: escapeStart)
            }
            position += 2
            let second = try readHex4(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("json.lone-surrogate", "expected a low surrogate '\\uDC00'...'\\uDFFF' after the high surrogate", at: escapeStart)
            }
            scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw error("json.lone-surrogate", "expected a high surrogate '\\uD800'...'\\uDBFF' before the low surrogate", at: escapeStart)
        }
        appendUTF8(scalar)
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw error("json.invalid-escape", "expected four hexadecimal digits after '\\u'", at: escapeStart)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func controlCharacterError() -> JSONSyntaxError {
        error("json.control-character", "expected a printable character in the string, found \(describeCurrent()) (escape it, e.g. '\\n' or '\\u0000')")
    }

    /// The offset of the first invalid UTF-8 sequence of a string starting at `start` (known to contain one).
    private mutating func invalidUTF8Error(from start: Int) -> JSONSyntaxError {
        position = start
        while position < bytes.count {
            if bytes[position] < 0x80 {
                position += 1
                continue
            }
            do throws(JSONSyntaxError) { try checkUTF8Sequence() } catch { return error }
        }
        return error("json.invalid-utf8", "expected valid UTF-8 text in the string", at: start)
    }

    /// Moves past one multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
    /// U+10FFFF), or throws `json.invalid-utf8` at its first byte.
    mutating func checkUTF8Sequence() throws(JSONSyntaxError) {
        let lead = bytes[position]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw utf8Error(lead)
        }
        guard position + length <= bytes.count else { throw utf8Error(lead) }
        let second = bytes[position + 1]
        guard second >= low, second <= high else { throw utf8Error(lead) }
        for offset in 2..<max(2, length) where bytes[position + offset] & 0xC0 != 0x80 {
            throw utf8Error(lead)
        }
        position += length
    }

    private func utf8Error(_ lead: UInt8) -> JSONSyntaxError {
        let hex = String(lead, radix: 16, uppercase: true)
        return error("json.invalid-utf8", "expected valid UTF-8 text, found a malformed sequence starting with byte 0x\(hex)")
    }
}

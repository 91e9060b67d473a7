/// A strict RFC 8259 parser straight from UTF-8 bytes.
///
/// Iterative (an explicit stack of open containers), so `[[[[…` cannot overflow the call stack. It refuses
/// trailing commas, comments, leading zeros, bad escapes, invalid UTF-8, lone surrogates, control
/// characters in strings and numbers beyond `Double`'s range. A leading UTF-8 byte order mark is skipped.
/// Optionally it records the byte offset of every value and key (see `SourceMap`).
struct JSONParser: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParserLimits
    var position = 0
    var sourceMap: SourceMap?
    var duplicateKeys: [(pointer: JSONPointer, offset: Int)] = []
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParserLimits, recordPositions: Bool) {
        self.bytes = bytes
        self.limits = limits
        self.sourceMap = recordPositions ? SourceMap() : nil
    }

    /// An open array or object and, when positions are recorded, its pointer.
    enum Frame {
        case array([JSONValue], pointer: String)
        case object(JSONObject, key: String, keyOffset: Int, pointer: String)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        let value = try parseValueTree()
        skipWhitespace()
        if position < bytes.count {
            throw error("json.trailing-content", "expected the end of the document, found \(describeCurrent())")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValueTree() throws(JSONSyntaxError) -> JSONValue {
        var stack: [Frame] = []
        var pointer = ""
        nextValue: while true {
            skipWhitespace()
            sourceMap?.valueOffsets[pointer] = position
            var value: JSONValue
            switch peek() {
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                guard !consume(UInt8(ascii: "}")) else {
                    value = .object(JSONObject())
                    break
                }
                let (key, keyOffset) = try parseMemberKey()
                stack.append(.object(JSONObject(), key: key, keyOffset: keyOffset, pointer: pointer))
                pointer = memberPointer(pointer, key, keyOffset)
                continue nextValue
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                guard !consume(UInt8(ascii: "]")) else {
                    value = .array([])
                    break
                }
                stack.append(.array([], pointer: pointer))
                if sourceMap != nil { pointer += "/0" }
                continue nextValue
            default:
                value = try parseScalar()
            }
            // Attach the finished value to its parent, closing every container that ends here.
            while let frame = stack.popLast() {
                skipWhitespace()
                switch frame {
                case .array(var array, let parentPointer):
                    array.append(value)
                    if consume(UInt8(ascii: ",")) {
                        try rejectTrailingComma(closing: UInt8(ascii: "]"))
                        if sourceMap != nil { pointer = parentPointer + "/\(array.count)" }
                        stack.append(.array(array, pointer: parentPointer))
                        continue nextValue
                    }
                    guard consume(UInt8(ascii: "]")) else {
                        throw error("json.expected-comma", "expected ',' or ']' after an array element, found \(describeCurrent())")
                    }
                    value = .array(array)
                    pointer = parentPointer
                case .object(var object, let key, let keyOffset, let parentPointer):
                    attach(value, key: key, keyOffset: keyOffset, to: &object, parentPointer: parentPointer)
                    if consume(UInt8(ascii: ",")) {
                        try rejectTrailingComma(closing: UInt8(ascii: "}"))
                        let (nextKey, nextOffset) = try parseMemberKey()
                        stack.append(.object(object, key: nextKey, keyOffset: nextOffset, pointer: parentPointer))
                        pointer = memberPointer(parentPointer, nextKey, nextOffset)
                        continue nextValue
                    }
                    guard consume(UInt8(ascii: "}")) else {
                        throw error("json.expected-comma", "expected ',' or '}' after an object member, found \(describeCurrent())")
                    }
                    value = .object(object)
                    pointer = parentPointer
                }
            }
            return value
        }
    }

    /// Adds a member; a repeated key is remembered (the caller decides whether that is an error) and the
    /// later value wins.
    private mutating func attach(
        _ value: JSONValue, key: String, keyOffset: Int, to object: inout JSONObject, parentPointer: String
    ) {
        guard object.index(forKey: key) == nil else {
            duplicateKeys.append((JSONPointer(tokens: (JSONPointer(parentPointer)?.tokens ?? []) + [key]), keyOffset))
            object[key] = value
            return
        }
        object.appendUnchecked(key, value)
    }

    private mutating func memberPointer(_ parent: String, _ key: String, _ keyOffset: Int) -> String {
        guard sourceMap != nil else { return parent }
        let pointer = parent + "/" + JSONPointer.escape(key)
        sourceMap?.keyOffsets[pointer] = keyOffset
        return pointer
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth >= limits.maxDepth {
            throw error("json.too-deep", "arrays and objects are nested deeper than \(limits.maxDepth) levels")
        }
    }

    private mutating func rejectTrailingComma(closing: UInt8) throws(JSONSyntaxError) {
        skipWhitespace()
        if peek() == closing {
            throw error("json.trailing-comma", "expected a value after ',', found '\(Character(UnicodeScalar(closing)))' (trailing commas are not allowed)")
        }
    }

    /// `"key" :` — returns the key and the offset of its opening quote.
    private mutating func parseMemberKey() throws(JSONSyntaxError) -> (String, Int) {
        let offset = position
        guard peek() == UInt8(ascii: "\"") else {
            throw error("json.expected-key", "expected a string key in double quotes, found \(describeCurrent())")
        }
        let key = try parseString()
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else {
            throw error("json.expected-colon", "expected ':' after an object key, found \(describeCurrent())")
        }
        return (key, offset)
    }

    private mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else {
            throw error("json.unexpected-end", "expected a value, found the end of the document")
        }
        switch byte {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("json.unexpected-character", "expected a value, found \(describeCurrent())")
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let start = position
        let length = word.utf8CodeUnitCount
        let matches = position + length <= bytes.count
            && (0..<length).allSatisfy { bytes[position + $0] == word.utf8Start[$0] }
        guard matches else {
            position = start
            throw error("json.invalid-literal", "expected '\(word)', found \(describeCurrent())")
        }
        position += length
    }

    // MARK: - Bytes

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

    func describeCurrent() -> String {
        guard let byte = peek() else { return "the end of the document" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        if byte >= 0x80 { return "a non-ASCII character" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func error(_ code: String, _ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self)
        return JSONSyntaxError(code: code, message: message, offset: offset, line: line, column: prefix.unicodeScalars.count + 1)
    }
}

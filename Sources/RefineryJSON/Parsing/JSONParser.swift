/// A strict RFC 8259 parser straight from UTF-8 bytes.
///
/// Iterative (an explicit stack of open containers), so `[[[[…` cannot overflow the call stack. It refuses
/// trailing commas, comments, leading zeros, bad escapes, invalid UTF-8, lone surrogates, control
/// characters in strings and numbers beyond `Double`'s range. A leading UTF-8 byte order mark is skipped.
///
/// The members of open containers wait on two move-only stacks (values and keys) and are moved into one
/// exact-size array when their container closes. Optionally the parser records the byte offset of every
/// value and key in a stack of `SourceMap` entries that runs beside the value stack; without that it does
/// no position work at all.
struct JSONParser: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParserLimits
    /// Whether to record positions in `sourceMap`.
    let recordPositions: Bool
    /// Whether a repeated key throws `json.duplicate-key` at once, rather than being collected.
    let rejectDuplicateKeys: Bool
    var position = 0
    var sourceMap = SourceMap()
    var duplicateKeys: [(pointer: JSONPointer, offset: Int)] = []
    var scratch: [UInt8] = []
    var frames: [Frame] = []
    var values = MoveStack<JSONValue>()
    var keys = MoveStack<String>()
    /// When recording: one entry per value on `values`, at the same index.
    var entries: [SourceMap.Entry] = []
    /// When recording: the key offset of the member whose value comes next (-1 in arrays).
    var pendingKeyOffset = -1

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParserLimits, recordPositions: Bool, rejectDuplicateKeys: Bool) {
        self.bytes = bytes
        self.limits = limits
        self.recordPositions = recordPositions
        self.rejectDuplicateKeys = rejectDuplicateKeys
    }

    /// An open array or object.
    struct Frame {
        let isObject: Bool
        /// Where the container's members start on the value stack (and, for objects, the key stack).
        let valueStart: Int
        let keyStart: Int
        /// Where the container starts and where its key starts (-1 when it is not an object member).
        let valueOffset: Int
        let keyOffset: Int
        /// For a pending member whose key repeats an earlier one: that member's slot on the value stack.
        var replacing = -1
        /// Key -> member index, built once an object reaches `JSONObject.indexThreshold` members.
        var keyIndex: [String: Int]?
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        let value = try parseValueTree()
        if recordPositions { sourceMap.root = value }
        skipWhitespace()
        if position < bytes.count {
            throw error("json.trailing-content", "expected the end of the document, found \(describeCurrent())")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValueTree() throws(JSONSyntaxError) -> JSONValue {
        while true {
            skipWhitespace()
            let valueOffset = position
            guard let value = try parseValueOrOpenContainer() else { continue }
            let entry = SourceMap.Entry(value: valueOffset, key: pendingKeyOffset, firstChild: 0)
            if let root = try attachClosingContainers(value, entry: entry) { return root }
        }
    }

    /// A scalar or an empty container; nil when it opened a container whose first member comes next.
    private mutating func parseValueOrOpenContainer() throws(JSONSyntaxError) -> JSONValue? {
        let valueOffset = position
        switch peek() {
        case UInt8(ascii: "{"):
            try checkDepth()
            position += 1
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return .object(JSONObject()) }
            openFrame(isObject: true, at: valueOffset)
            try beginMember()
            return nil
        case UInt8(ascii: "["):
            try checkDepth()
            position += 1
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .array([]) }
            openFrame(isObject: false, at: valueOffset)
            return nil
        default:
            return try parseScalar()
        }
    }

    /// Attaches a finished value to its parent and closes every container that ends after it. Returns the
    /// document's value once the outermost one closes, or nil when another member or element comes next.
    private mutating func attachClosingContainers(
        _ finished: JSONValue, entry finishedEntry: SourceMap.Entry
    ) throws(JSONSyntaxError) -> JSONValue? {
        var value = finished, entry = finishedEntry
        while !frames.isEmpty {
            let top = frames.count - 1
            attach(value, entry: entry, to: top)
            skipWhitespace()
            let isObject = frames[top].isObject
            if consume(UInt8(ascii: ",")) {
                try rejectTrailingComma(closing: isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                if isObject { try beginMember() }
                return nil
            }
            guard consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                throw structuralError("json.expected-comma", isObject
                    ? "expected ',' or '}' after an object member, found \(describeCurrent())"
                    : "expected ',' or ']' after an array element, found \(describeCurrent())")
            }
            let firstChild = moveEntries(from: frames[top].valueStart)
            value = isObject ? .object(closeObject()) : .array(values.popAll(from: frames[top].valueStart))
            let frame = frames.removeLast()
            entry = SourceMap.Entry(value: frame.valueOffset, key: frame.keyOffset, firstChild: firstChild)
        }
        if recordPositions { sourceMap.rootEntry = entry }
        return value
    }

    private mutating func openFrame(isObject: Bool, at valueOffset: Int) {
        frames.append(Frame(
            isObject: isObject, valueStart: values.count, keyStart: keys.count, valueOffset: valueOffset, keyOffset: pendingKeyOffset
        ))
        pendingKeyOffset = -1
    }

    /// When recording: moves the entries of a closing container's members to the source map, side by side,
    /// and returns where they start.
    private mutating func moveEntries(from start: Int) -> Int {
        guard recordPositions else { return 0 }
        let firstChild = sourceMap.entries.count
        sourceMap.entries.append(contentsOf: entries[start...])
        entries.removeSubrange(start...)
        return firstChild
    }

    @inline(__always)
    private mutating func attach(_ value: consuming JSONValue, entry: SourceMap.Entry, to top: Int) {
        let slot = frames[top].replacing
        if slot >= 0 {
            values[slot] = value
            if recordPositions { entries[slot] = entry }
            frames[top].replacing = -1
        } else {
            values.push(value)
            if recordPositions { entries.append(entry) }
        }
        pendingKeyOffset = -1
    }

    private mutating func closeObject() -> JSONObject {
        let frame = frames[frames.count - 1]
        let memberValues = values.popAll(from: frame.valueStart)
        let memberKeys = keys.popAll(from: frame.keyStart)
        return JSONObject(uniqueKeys: memberKeys, values: memberValues, index: frame.keyIndex)
    }

    private func checkDepth() throws(JSONSyntaxError) {
        if frames.count >= limits.maxDepth {
            throw error("json.too-deep", "expected at most \(limits.maxDepth) levels of nested arrays and objects (JSONParserLimits.maxDepth)")
        }
    }

    private mutating func rejectTrailingComma(closing: UInt8) throws(JSONSyntaxError) {
        skipWhitespace()
        if peek() == closing {
            throw error("json.trailing-comma", "expected a value after ',', found '\(Character(UnicodeScalar(closing)))' (trailing commas are not allowed)")
        }
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
        let length = word.utf8CodeUnitCount
        let matches = position + length <= bytes.count
            && (0..<length).allSatisfy { bytes[position + $0] == word.utf8Start[$0] }
        guard matches else {
            throw error("json.invalid-literal", "expected '\(word)', found \(describeWord())")
        }
        position += length
    }
}

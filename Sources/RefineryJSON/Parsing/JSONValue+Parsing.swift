extension JSONValue {
    /// Parses UTF-8 JSON text. Duplicate keys are an error (`json.duplicate-key`).
    public init(parsing bytes: some Collection<UInt8>, limits: JSONParserLimits = .init()) throws(JSONSyntaxError) {
        self = try Self.withContiguousBytes(bytes) { buffer throws(JSONSyntaxError) in
            var parser = JSONParser(bytes: buffer, limits: limits, recordPositions: false, rejectDuplicateKeys: true)
            return try parser.parseDocument()
        }
    }

    public init(parsing text: String, limits: JSONParserLimits = .init()) throws(JSONSyntaxError) {
        try self.init(parsing: text.utf8, limits: limits)
    }

    static func duplicateMessage(_ pointer: JSONPointer) -> String {
        "duplicate key '\(pointer.tokens.last ?? "")' in an object (a later value would silently replace the earlier one)"
    }

    static func withContiguousBytes<R>(
        _ bytes: some Collection<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> R
    ) throws(JSONSyntaxError) -> R {
        let result: Result<R, JSONSyntaxError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) in try body(buffer) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try body(buffer) }
    }
}

/// A parsed file that remembers where each value came from, for diagnostics that point into it.
public struct JSONDocument: Sendable {
    public let value: JSONValue
    public let source: SourceText
    public let sourceMap: SourceMap
    /// Every repeated key, as `json.duplicate-key` diagnostics (the later value is kept).
    public let duplicateKeyDiagnostics: [Diagnostic]

    /// Parses `bytes` read from `file`, recording positions. A syntax error is returned as a diagnostic
    /// through the thrown `Diagnostic`.
    public init(file: String, bytes: [UInt8], limits: JSONParserLimits = .init()) throws(Diagnostic) {
        let source = SourceText(file: file, bytes: bytes)
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, limits: limits, recordPositions: true, rejectDuplicateKeys: false)
            return Result { () throws(JSONSyntaxError) in
                let value = try parser.parseDocument()
                return (value, parser.sourceMap, parser.duplicateKeys)
            }
        }
        switch outcome {
        case .failure(let error):
            throw error.diagnostic(in: source)
        case .success(let (value, sourceMap, duplicates)):
            self.value = value
            self.source = source
            self.sourceMap = sourceMap
            self.duplicateKeyDiagnostics = duplicates.map { duplicate in
                source.diagnostic(
                    code: "json.duplicate-key", message: JSONValue.duplicateMessage(duplicate.pointer),
                    at: duplicate.offset, pointer: duplicate.pointer
                )
            }
        }
    }

    /// Where `pointer` is in the file: the key of a member when `atKey`, otherwise its value. Falls back
    /// to the nearest ancestor that exists.
    public func reference(for pointer: JSONPointer, atKey: Bool = false) -> (SourceRef, excerpt: String) {
        guard let offset = offset(for: pointer, atKey: atKey) else {
            return (SourceRef(file: source.file, pointer: pointer), "")
        }
        return source.reference(at: offset, pointer: pointer)
    }

    /// The byte offset of the value (or, when `atKey`, the key) at `pointer` or its nearest existing ancestor.
    public func offset(for pointer: JSONPointer, atKey: Bool = false) -> Int? {
        var candidate: JSONPointer? = pointer
        while let current = candidate {
            let key = atKey ? sourceMap.keyOffset(of: current) : nil
            if let offset = key ?? sourceMap.valueOffset(of: current) { return offset }
            candidate = current.parent
        }
        return nil
    }

    /// A diagnostic about the value (or the key, when `atKey`) at `pointer`. `columnOffset` moves the
    /// caret right, for a problem inside a string value (e.g. an expression's column).
    public func diagnostic(
        code: String, message: String, at pointer: JSONPointer, atKey: Bool = false,
        columnOffset: Int = 0, notes: [String] = []
    ) -> Diagnostic {
        guard let offset = offset(for: pointer, atKey: atKey) else {
            return Diagnostic(code: code, message: message, source: SourceRef(file: source.file, pointer: pointer), notes: notes)
        }
        return source.diagnostic(
            code: code, message: message, at: offset, pointer: pointer, columnOffset: columnOffset, notes: notes
        )
    }
}

/// The text of a source file, turning byte offsets into lines and columns only when a problem is reported.
public struct SourceText: Sendable {
    public let file: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public init(file: String, text: String) {
        self.init(file: file, bytes: Array(text.utf8))
    }

    /// The 1-based line of a byte offset.
    public func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The 1-based line and column (counted in Unicode scalars) of a byte offset.
    public func position(at offset: Int) -> (line: Int, column: Int) {
        let line = line(at: offset)
        let start = lineStarts[line - 1]
        let end = min(max(offset, start), bytes.count)
        let prefix = String(decoding: bytes[start..<end], as: UTF8.self)
        return (line, prefix.unicodeScalars.count + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// A `SourceRef` and the excerpt line for a byte offset.
    public func reference(at offset: Int, pointer: JSONPointer?) -> (SourceRef, excerpt: String) {
        let (line, column) = position(at: offset)
        return (SourceRef(file: file, pointer: pointer, line: line, column: column), lineText(line))
    }

    /// A diagnostic located at a byte offset of this file.
    public func diagnostic(
        code: String,
        message: String,
        at offset: Int,
        pointer: JSONPointer? = nil,
        notes: [String] = []
    ) -> Diagnostic {
        let (source, excerpt) = reference(at: offset, pointer: pointer)
        return Diagnostic(code: code, message: message, source: source, excerpt: excerpt, notes: notes)
    }
}

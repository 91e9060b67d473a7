/// The text of a source file, turning byte offsets into lines and columns only when a problem is reported.
///
/// Lines end at `\n` (a `\r` before it is not part of the line's text). Columns are 1-based and count
/// Unicode scalars; a byte order mark at the start of the file is not counted.
public struct SourceText: Sendable {
    public let file: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    /// Excerpt lines longer than this many scalars are cut to a window around the caret.
    public static let excerptWidth = 120

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

    public var lineCount: Int { lineStarts.count }

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
        let offset = min(max(0, offset), bytes.count)
        let line = line(at: offset)
        let column = bytes.withUnsafeBufferPointer { buffer in
            Self.column(of: offset, lineStart: lineStarts[line - 1], in: buffer)
        }
        return (line, column)
    }

    /// The column of `offset` on the line starting at `lineStart`: one plus the number of scalars (UTF-8
    /// lead bytes) before it, not counting a byte order mark at the start of the file.
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = lineStart
        if start == 0, offset >= 3, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var column = 1
        var index = start
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        var start = lineStarts[line - 1]
        if start == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// A `SourceRef` and the whole source line for a byte offset.
    public func reference(at offset: Int, pointer: JSONPointer?) -> (SourceRef, excerpt: String) {
        let (line, column) = position(at: offset)
        return (SourceRef(file: file, pointer: pointer, line: line, column: column), lineText(line))
    }

    /// A diagnostic located at a byte offset of this file; `columnOffset` moves the column right (for a
    /// problem inside a string). A long line is cut to a window around the caret.
    public func diagnostic(
        code: String,
        message: String,
        at offset: Int,
        pointer: JSONPointer? = nil,
        columnOffset: Int = 0,
        notes: [String] = []
    ) -> Diagnostic {
        let (line, column) = position(at: offset)
        let source = SourceRef(file: file, pointer: pointer, line: line, column: column + columnOffset)
        let (excerpt, caret) = Self.window(lineText(line), column: column + columnOffset)
        return Diagnostic(
            code: code, message: message, source: source, excerpt: excerpt,
            excerptColumn: caret == source.column ? nil : caret, notes: notes
        )
    }

    /// `line` when it is short; otherwise `excerptWidth` scalars around `column`, with `...` where it was
    /// cut. Returns the text and the caret's column in it.
    public static func window(_ line: String, column: Int) -> (text: String, column: Int) {
        let scalars = line.unicodeScalars
        let count = scalars.count
        guard count > excerptWidth + 6 else { return (line, column) }
        let first = max(0, min(column - 1 - excerptWidth / 2, count - excerptWidth))
        let lower = scalars.index(scalars.startIndex, offsetBy: first)
        let upper = scalars.index(lower, offsetBy: excerptWidth)
        var text = String(scalars[lower..<upper])
        var caret = column - first
        if first > 0 {
            text = "..." + text
            caret += 3
        }
        if upper < scalars.endIndex { text += "..." }
        return (text, caret)
    }
}

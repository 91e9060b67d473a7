import RefineryJSON
import Testing

@Suite("SourceText")
struct SourceTextTests {
    static let source = SourceText(file: "f.json", text: "ab\r\ncé😀d\n\n\tx")

    @Test("line and column of an offset", arguments: [
        (0, 1, 1), (1, 1, 2), (2, 1, 3), (3, 1, 4), (4, 2, 1), (5, 2, 2), (7, 2, 3), (11, 2, 4), (12, 2, 5),
        (13, 3, 1), (14, 4, 1), (15, 4, 2), (16, 4, 3), (99, 4, 3), (-5, 1, 1),
    ])
    func positions(_ offset: Int, _ line: Int, _ column: Int) {
        let position = Self.source.position(at: offset)
        #expect(position.line == line)
        #expect(position.column == column)
        #expect(Self.source.line(at: max(0, offset)) == line)
    }

    @Test func lineTexts() {
        #expect(Self.source.lineCount == 4)
        #expect(Self.source.lineText(1) == "ab")
        #expect(Self.source.lineText(2) == "cé😀d")
        #expect(Self.source.lineText(3) == "")
        #expect(Self.source.lineText(4) == "\tx")
        #expect(Self.source.lineText(0) == "")
        #expect(Self.source.lineText(5) == "")
    }

    @Test func emptyFile() {
        let empty = SourceText(file: "e", bytes: [])
        #expect(empty.lineCount == 1)
        #expect(empty.position(at: 0) == (1, 1))
        #expect(empty.lineText(1) == "")
    }

    @Test func byteOrderMark() {
        let source = SourceText(file: "b", bytes: [0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0x62])
        #expect(source.position(at: 3) == (1, 1))
        #expect(source.position(at: 4) == (1, 2))
        #expect(source.position(at: 5) == (2, 1))
        #expect(source.lineText(1) == "a")
    }

    @Test func diagnosticAtAnOffset() {
        let diagnostic = Self.source.diagnostic(code: "x.y", message: "m", at: 11, pointer: JSONPointer(tokens: ["a"]), notes: ["n"])
        #expect(diagnostic.source == SourceRef(file: "f.json", pointer: JSONPointer(tokens: ["a"]), line: 2, column: 4))
        #expect(diagnostic.excerpt == "cé😀d")
        #expect(diagnostic.notes == ["n"])
        #expect(diagnostic.severity == .error)
    }

    @Test func windowLeavesShortLinesAlone() {
        #expect(SourceText.window("short", column: 3) == ("short", 3))
    }

    @Test("window keeps the caret on the same character", arguments: [1, 60, 61, 500, 999, 1000, 1001])
    func windowKeepsTheCaret(_ column: Int) {
        let line = String((0..<1000).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })
        let (text, caret) = SourceText.window(line, column: column)
        #expect(text.count <= SourceText.excerptWidth + 6)
        if column <= 1000 {
            #expect(Array(text)[caret - 1] == Array(line)[column - 1])
        }
    }

    @Test func sourceRefDescription() {
        #expect(SourceRef(file: "a.json").description == "a.json")
        #expect(SourceRef(file: "a.json", line: 3).description == "a.json:3")
        #expect(SourceRef(file: "a.json", pointer: JSONPointer(tokens: ["x", "a/b"]), line: 3, column: 9).description == "a.json#/x/a~1b:3:9")
        #expect(SourceRef(file: "a.json", pointer: .root, line: 1, column: 1).description == "a.json#:1:1")
    }
}

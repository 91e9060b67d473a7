import RefineryJSON
import Testing

@Suite("Parser inputs and limits")
struct ParserInputTests {
    static let text = #"{"a":[1,2.5,"é\n",null,true],"b":{"c":-0}}"#
    static let expected: JSONValue = ["a": [1, 2.5, "é\n", nil, true], "b": ["c": .double(-0.0)]]

    @Test func parsesBytes() throws {
        #expect(try JSONValue(parsing: Array(Self.text.utf8)).isIdentical(to: Self.expected))
    }

    @Test func parsesString() throws {
        #expect(try JSONValue(parsing: Self.text).isIdentical(to: Self.expected))
    }

    @Test func parsesArraySliceInTheMiddleOfABuffer() throws {
        let buffer = Array("garbage[".utf8) + Array(Self.text.utf8) + Array("]garbage".utf8)
        let slice = buffer[8..<(8 + Self.text.utf8.count)]
        #expect(slice.startIndex == 8)
        #expect(try JSONValue(parsing: slice).isIdentical(to: Self.expected))
    }

    @Test func parsesNonContiguousCollection() throws {
        let bytes = Self.text.utf8.reversed().reversed()
        #expect(try JSONValue(parsing: bytes).isIdentical(to: Self.expected))
    }

    @Test func errorOffsetsInASliceAreRelativeToTheSlice() throws {
        let buffer = Array("xx[1,]".utf8)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONValue(parsing: buffer[2...]) }
        #expect(error.offset == 3)
        #expect(error.column == 4)
    }

    @Test("nesting at the default limit is accepted", arguments: ["[", "{\"a\":"])
    func nestingAtTheLimit(_ opener: String) throws {
        let depth = JSONParserLimits().maxDepth
        #expect(depth == 512)
        let closer = opener == "[" ? "]" : "}"
        let text = String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)
        var value = try JSONValue(parsing: text)
        for _ in 0..<depth {
            value = try #require(value[0] ?? value["a"])
        }
        #expect(value == 1)
    }

    @Test("nesting one over the limit is refused where it starts", arguments: ["[", "{\"a\":"])
    func nestingOverTheLimit(_ opener: String) {
        let depth = JSONParserLimits().maxDepth + 1
        let text = String(repeating: opener, count: depth) + "1"
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
        #expect(error?.code == "json.too-deep")
        #expect(error?.column == opener.count * (depth - 1) + 1)
    }

    @Test func emptyContainersCountAsALevel() throws {
        let limits = JSONParserLimits(maxDepth: 2)
        #expect(try JSONValue(parsing: "[[]]", limits: limits) == [[]])
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "[[[]]]", limits: limits) }
        #expect(try JSONValue(parsing: #"{"a":{}}"#, limits: limits) == ["a": [:]])
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: #"{"a":{"b":{}}}"#, limits: limits) }
    }

    @Test func configurableLimit() throws {
        let limits = JSONParserLimits(maxDepth: 3)
        #expect(try JSONValue(parsing: "[[[1]]]", limits: limits) == [[[1]]])
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "[[[[1]]]]", limits: limits) }
        #expect(error?.code == "json.too-deep")
        #expect(error?.column == 4)
        #expect(try JSONValue(parsing: "1", limits: JSONParserLimits(maxDepth: 0)) == 1)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "[]", limits: JSONParserLimits(maxDepth: 0)) }
    }

    @Test func hundredThousandOpeningBracketsDoNotCrash() {
        let text = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
        #expect(error?.code == "json.too-deep")
        #expect(error?.column == 513)
    }

    @Test func hundredThousandOpeningBracketsUnderAHighLimitEndUnexpectedly() {
        let text = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONSyntaxError.self) {
            try JSONValue(parsing: text, limits: JSONParserLimits(maxDepth: 200_000))
        }
        #expect(error?.code == "json.unexpected-end")
        #expect(error?.column == 100_001)
    }

    @Test func deepMixedNestingWithPositions() throws {
        let text = String(repeating: #"{"a":["#, count: 200) + String(repeating: "]}", count: 200)
        let document = try JSONDocument(file: "deep.json", bytes: Array(text.utf8))
        let pointer = JSONPointer(tokens: Array(repeating: ["a", "0"], count: 199).flatMap { $0 } + ["a"])
        #expect(pointer.resolve(in: document.value) == [])
        #expect(document.sourceMap.valueOffset(of: pointer) == 200 * 6 - 1)
    }

    @Test("integers keep 64 bits; -0 keeps its sign", arguments: [
        ("9007199254740993", JSONValue.int(9_007_199_254_740_993)),
        ("-9007199254740993", JSONValue.int(-9_007_199_254_740_993)),
        ("-0", JSONValue.double(-0.0)),
    ])
    func exactNumbers(_ text: String, _ expected: JSONValue) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.isIdentical(to: expected))
        #expect(value.serialized() == (text == "-0" ? "-0.0" : text))
    }

    @Test func errorDescriptionNamesPlaceAndCode() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "[1,]") }
        #expect(error?.description == "1:4: expected a value after ',', found ']' (trailing commas are not allowed) [json.trailing-comma]")
    }

    @Test("messages say what was found", arguments: [
        ("tru", "expected 'true', found 'tru'"),
        ("[1 x", "expected ',' or ']' after an array element, found 'x'"),
        ("{\"a\":1 \u{1}", "expected ',' or '}' after an object member, found byte 0x01"),
        ("[1", "expected ',' or ']' after an array element, found the end of the document"),
        ("\"\\q\"", #"expected one of \" \\ \/ \b \f \n \r \t \uXXXX, found '\q'"#),
        ("[é]", "expected a value, found a non-ASCII character"),
        ("1e999", "expected a number within the range of a 64-bit double, found '1e999'"),
    ])
    func messages(_ text: String, _ message: String) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
        #expect(error?.message == message)
    }

    /// The string scanner reads eight bytes at a time: put each kind of byte at every alignment.
    @Test("special bytes at every offset of a long string", arguments: 0..<20)
    func specialBytesAtEveryOffset(_ offset: Int) throws {
        let prefix = String(repeating: "a", count: offset), suffix = String(repeating: "b", count: 19 - offset)
        #expect(try JSONValue(parsing: "\"\(prefix)\"") == .string(prefix))
        #expect(try JSONValue(parsing: "\"\(prefix)\\n\(suffix)\"") == .string(prefix + "\n" + suffix))
        #expect(try JSONValue(parsing: "\"\(prefix)é\(suffix)\"") == .string(prefix + "é" + suffix))
        #expect(try JSONValue(parsing: "\"\(prefix)\u{7F}\(suffix)\"") == .string(prefix + "\u{7F}" + suffix))
        let control = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "\"\(prefix)\t\(suffix)\"") }
        #expect(control?.code == "json.control-character")
        #expect(control?.column == offset + 2)
        let invalid = Array("\"\(prefix)".utf8) + [0xFF] + Array("\(suffix)\"".utf8)
        let utf8 = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: invalid) }
        #expect(utf8?.code == "json.invalid-utf8")
        #expect(utf8?.column == offset + 2)
        let unterminated = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "\"\(prefix)\(suffix)") }
        #expect(unterminated?.code == "json.unterminated-string")
    }
}

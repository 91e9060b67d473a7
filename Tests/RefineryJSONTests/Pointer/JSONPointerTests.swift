import Foundation
import RefineryJSON
import Testing

@Suite("JSONPointer")
struct JSONPointerTests {
    @Test("parses and prints", arguments: [
        ("", [String]()), ("/", [""]), ("/a", ["a"]), ("/a/b", ["a", "b"]), ("//", ["", ""]),
        ("/a~1b", ["a/b"]), ("/m~0n", ["m~n"]), ("/~01", ["~1"]), ("/~10", ["/0"]), ("/~0~1", ["~/"]),
        ("/0/-", ["0", "-"]), ("/é/😀", ["é", "😀"]), ("/a b", ["a b"]), ("/~0\u{301}", ["~\u{301}"]),
    ])
    func parses(_ text: String, _ tokens: [String]) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
        #expect(JSONPointer(tokens: tokens) == pointer)
    }

    @Test("refuses", arguments: ["a", "a/b", "#/a", "/~", "/~2", "/a~", "/~a", "/a/~3b", " /a"])
    func refuses(_ text: String) {
        #expect(JSONPointer(text) == nil)
    }

    @Test("escapes", arguments: [
        ("a", "a"), ("a/b", "a~1b"), ("m~n", "m~0n"), ("~/", "~0~1"), ("~1", "~01"), ("", ""), ("/\u{301}", "~1\u{301}"),
    ])
    func escapes(_ token: String, _ escaped: String) throws {
        #expect(JSONPointer.escape(token) == escaped)
        #expect(JSONPointer("/" + escaped)?.tokens == [token])
    }

    /// The example of RFC 6901 section 5.
    static let document: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8,
    ]

    @Test("resolves the RFC 6901 examples", arguments: [
        ("", document), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2),
        ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8), ("/foo/1", "baz"),
    ] as [(String, JSONValue)])
    func resolves(_ text: String, _ expected: JSONValue) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.resolve(in: Self.document) == expected)
    }

    @Test("resolves to nothing", arguments: [
        "/foo/-", "/foo/2", "/foo/01", "/foo/00", "/foo/-1", "/foo/+1", "/foo/1.0", "/foo/a", "/foo/ 1",
        "/foo/99999999999999999999", "/missing", "/foo/0/x", "/ /x", "/FOO",
    ])
    func resolvesToNothing(_ text: String) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.resolve(in: Self.document) == nil)
    }

    @Test func arrayIndexZeroAndLarge() throws {
        let array = JSONValue.array((0..<12).map { .int($0) })
        #expect(JSONPointer(tokens: ["0"]).resolve(in: array) == 0)
        #expect(JSONPointer(tokens: ["10"]).resolve(in: array) == 10)
        #expect(JSONPointer(tokens: ["12"]).resolve(in: array) == nil)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            self.stringValue = "Index \(intValue)"
            self.intValue = intValue
        }
    }

    @Test func fromCodingPath() {
        let path: [any CodingKey] = [Key(stringValue: "flow"), Key(intValue: 2), Key(stringValue: "mapper"), Key(stringValue: "a/b~")]
        let pointer = JSONPointer(codingPath: path)
        #expect(pointer.tokens == ["flow", "2", "mapper", "a/b~"])
        #expect(pointer.description == "/flow/2/mapper/a~1b~0")
        #expect(JSONPointer(codingPath: []) == .root)
    }

    @Test func fromDecodingErrorCodingPath() throws {
        struct Flow: Decodable { let steps: [Step] }
        struct Step: Decodable { let id: Int }
        let data = Data(#"{"steps":[{"id":1},{"id":"x"}]}"#.utf8)
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode(Flow.self, from: data) }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected a type mismatch, got \(error)")
            return
        }
        #expect(JSONPointer(codingPath: context.codingPath).description == "/steps/1/id")
    }

    @Test func building() {
        let pointer = JSONPointer.root.appending("flow").appending(3).appending("a/b")
        #expect(pointer.description == "/flow/3/a~1b")
        #expect(pointer.parent?.description == "/flow/3")
        #expect(pointer.parent?.parent?.parent == .root)
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer.root.isRoot)
        #expect(!pointer.isRoot)
        let literal: JSONPointer = "/flow/3/a~1b"
        #expect(literal == pointer)
    }
}

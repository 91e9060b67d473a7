import RefineryJSON
import Testing

@Suite("SourceMap on generated documents")
struct SourceMapTests {
    /// Every pointer into `value`, with the value it names.
    static func paths(of value: JSONValue, at pointer: JSONPointer = .root) -> [(JSONPointer, JSONValue)] {
        var result = [(pointer, value)]
        switch value {
        case .array(let array):
            for (index, element) in array.enumerated() { result += paths(of: element, at: pointer.appending(index)) }
        case .object(let object):
            for (key, member) in object { result += paths(of: member, at: pointer.appending(key)) }
        default:
            break
        }
        return result
    }

    @Test("every value and key is found where its text starts", arguments: [11, 12, 13] as [UInt64])
    func everyValueAndKey(seed: UInt64) throws {
        var generator = ValueGenerator(seed: seed)
        for _ in 0..<40 {
            let value = JSONValue.array((0..<4).map { _ in generator.value() })
            let bytes = value.serializedBytes()
            let document = try JSONDocument(file: "g.json", bytes: bytes)
            for (pointer, member) in Self.paths(of: value) {
                let offset = try #require(document.sourceMap.valueOffset(of: pointer))
                let expected = member.serializedBytes()
                #expect(Array(bytes[offset..<(offset + expected.count)]) == expected, "value at \(pointer)")
                guard let key = pointer.tokens.last, pointer.parent?.resolve(in: value)?.objectValue != nil else {
                    #expect(document.sourceMap.keyOffset(of: pointer) == nil)
                    continue
                }
                let keyOffset = try #require(document.sourceMap.keyOffset(of: pointer))
                let keyText = JSONValue.string(key).serializedBytes()
                #expect(Array(bytes[keyOffset..<(keyOffset + keyText.count)]) == keyText, "key at \(pointer)")
            }
        }
    }

    @Test func pointersThatDoNotExist() throws {
        let document = try JSONDocument(file: "x.json", bytes: Array(#"{"a":[1,{"b":2}],"c":"s"}"#.utf8))
        for text in ["/x", "/a/2", "/a/-", "/a/01", "/c/0", "/a/1/b/c", "/a/1/c"] {
            #expect(document.sourceMap.valueOffset(of: try #require(JSONPointer(text))) == nil, "\(text)")
        }
        #expect(document.sourceMap.valueOffset(of: .root) == 0)
        #expect(document.sourceMap.keyOffset(of: .root) == nil)
    }

    @Test func scalarDocument() throws {
        let document = try JSONDocument(file: "x.json", bytes: Array("  42 ".utf8))
        #expect(document.sourceMap.valueOffset(of: .root) == 2)
        #expect(document.sourceMap.valueOffset(of: JSONPointer(tokens: ["a"])) == nil)
    }

    @Test func duplicateKeysPointAtTheLaterMember() throws {
        let document = try JSONDocument(file: "x.json", bytes: Array(#"{"a":1,"b":2,"a":[3]}"#.utf8))
        let pointer = JSONPointer(tokens: ["a"])
        #expect(document.sourceMap.keyOffset(of: pointer) == 13)
        #expect(document.sourceMap.valueOffset(of: pointer) == 17)
        #expect(document.sourceMap.valueOffset(of: pointer.appending(0)) == 18)
    }
}

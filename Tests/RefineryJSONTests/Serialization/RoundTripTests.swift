import RefineryJSON
import Testing

@Suite("Round trip: parse(serialize(x)) == x")
struct RoundTripTests {
    @Test("generated values", arguments: [JSONSerializer.Style.compact, .pretty], [1, 2, 3, 4])
    func generatedValues(style: JSONSerializer.Style, seed: UInt64) throws {
        var generator = ValueGenerator(seed: seed)
        for index in 0..<750 {
            let value = generator.value()
            let text = value.serializedBytes(style)
            let reparsed = try JSONValue(parsing: text)
            #expect(reparsed.isIdentical(to: value), "value \(index) of seed \(seed) changed: \(value.serialized())")
            #expect(reparsed.serializedBytes(style) == text, "serializing is deterministic")
        }
    }

    @Test func generatorCoversEveryKind() {
        var generator = ValueGenerator(seed: 1)
        var kinds = Set<String>()
        for _ in 0..<200 { kinds.insert(generator.value().typeName) }
        #expect(kinds == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }

    @Test("doubles reparse to the same bits", arguments: [1, 2] as [UInt64])
    func doubleBits(seed: UInt64) throws {
        var generator = ValueGenerator(seed: seed)
        var doubles = ValueGenerator.specialDoubles
        for _ in 0..<5000 { doubles.append(generator.double()) }
        for double in doubles {
            let text = JSONValue.double(double).serialized()
            let reparsed = try #require(try JSONValue(parsing: text).doubleValue)
            #expect(reparsed.bitPattern == double.bitPattern, "\(text) reparsed as \(reparsed)")
            #expect(text == double.description, "the shortest round-tripping form")
        }
    }

    @Test func everyEscapeAndNonASCIIScalar() throws {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: ValueGenerator.alphabet)
        let value = JSONValue.array([.string(String(text)), .object([String(text): .string(String(text))])])
        #expect(try JSONValue(parsing: value.serializedBytes()).isIdentical(to: value))
        #expect(try JSONValue(parsing: value.serializedBytes(.pretty)).isIdentical(to: value))
    }

    @Test func objectsKeepTheirOrder() throws {
        let value: JSONValue = ["z": 1, "a": 2, "m": ["y": 3, "b": 4]]
        let reparsed = try JSONValue(parsing: value.serialized(.pretty))
        #expect(reparsed.objectValue?.keys == ["z", "a", "m"])
        #expect(reparsed["m"]?.objectValue?.keys == ["y", "b"])
    }
}

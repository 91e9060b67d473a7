import RefineryJSON
import Testing

@Suite("JSONObject")
struct JSONObjectTests {
    @Test func keepsInsertionOrder() {
        var object = JSONObject()
        for (index, key) in ["z", "a", "m", "b"].enumerated() { object[key] = .int(index) }
        #expect(object.keys == ["z", "a", "m", "b"])
        #expect(object.values == [0, 1, 2, 3])
        #expect(object.map(\.key) == ["z", "a", "m", "b"])
        #expect(object.count == 4)
        #expect(!object.isEmpty)
    }

    @Test func updateKeepsThePositionAndReturnsTheOldValue() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        #expect(object.updateValue(20, forKey: "b") == 2)
        #expect(object.updateValue(4, forKey: "d") == nil)
        #expect(object.keys == ["a", "b", "c", "d"])
        #expect(object["b"] == 20)
    }

    @Test func duplicateKeysInALiteralReplaceInPlace() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func removal() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        #expect(object.removeValue(forKey: "b") == 2)
        #expect(object.removeValue(forKey: "b") == nil)
        #expect(object.keys == ["a", "c"])
        object["a"] = nil
        #expect(object.keys == ["c"])
        #expect(object["c"] == 3)
        #expect(object.index(forKey: "c") == 0)
    }

    @Test func equalityIgnoresOrder() {
        let lhs: JSONObject = ["a": 1, "b": [1, 2]]
        let rhs: JSONObject = ["b": [1, 2], "a": 1]
        #expect(lhs == rhs)
        #expect(JSONValue.object(lhs) == .object(rhs))
        #expect(lhs != ["a": 1, "b": [2, 1]])
        #expect(lhs != ["a": 1])
        #expect(lhs != ["a": 1, "c": [1, 2]])
        #expect(lhs != ["a": 1.0, "b": [1, 2]], "an integer is not a double")
    }

    @Test("hashing agrees with equality", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func hashingAgreesWithEquality(seed: UInt64) {
        var generator = ValueGenerator(seed: seed)
        for _ in 0..<50 {
            let object = generator.object(depth: 2)
            let reversed = JSONObject(zip(object.keys, object.values).reversed())
            #expect(reversed == object)
            #expect(reversed.hashValue == object.hashValue)
            #expect(Set([JSONValue.object(object), .object(reversed)]).count == 1)
        }
    }

    @Test func differentObjectsUsuallyHashDifferently() {
        let hashes = Set((0..<100).map { JSONObject([("k", .int($0))]).hashValue })
        #expect(hashes.count > 90)
        let lhs: JSONObject = ["a": 1, "b": 2], rhs: JSONObject = ["a": 2, "b": 1]
        #expect(lhs.hashValue != rhs.hashValue)
    }

    @Test func indexAboveTheThreshold() {
        var object = JSONObject()
        for index in 0..<40 { object["k\(index)"] = .int(index) }
        for index in 0..<40 { #expect(object["k\(index)"] == .int(index)) }
        #expect(object.index(forKey: "k39") == 39)
        #expect(object["missing"] == nil)
        object["k5"] = "five"
        #expect(object.index(forKey: "k5") == 5)
        #expect(object.removeValue(forKey: "k0") == 0)
        #expect(object.index(forKey: "k39") == 38)
        for index in 1..<35 { object["k\(index)"] = nil }
        #expect(object.keys == ["k35", "k36", "k37", "k38", "k39"])
        #expect(object["k37"] == 37)
        object["new"] = true
        #expect(object.index(forKey: "new") == 5)
    }

    @Test func parsedObjectAboveTheThresholdLooksKeysUp() throws {
        let text = "{" + (0..<100).map { "\"key\($0)\":\($0)" }.joined(separator: ",") + "}"
        var object = try #require(try JSONValue(parsing: text).objectValue)
        #expect(object["key73"] == 73)
        object["key73"] = nil
        object["extra"] = 1
        #expect(object.index(forKey: "extra") == 99)
        #expect(object.index(forKey: "key74") == 73)
    }

    @Test func valueSubscripts() {
        var value: JSONValue = ["a": [10, 20], "b": "x"]
        #expect(value["a"]?[1] == 20)
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["b"]?.stringValue == "x")
        value["c"] = 1
        #expect(value.objectValue?.keys == ["a", "b", "c"])
        var scalar: JSONValue = 1
        scalar["c"] = 1
        #expect(scalar == 1)
    }

    @Test func typedAccessors() {
        #expect(JSONValue.double(3).intValue == 3)
        #expect(JSONValue.double(3.5).intValue == nil)
        #expect(JSONValue.double(1e300).intValue == nil)
        #expect(JSONValue.int(3).doubleValue == 3)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.string("1").intValue == nil)
    }
}

import RefineryJSON
import Testing

@Suite("Serializer")
struct SerializerTests {
    static let sample: JSONValue = [
        "name": "Zoë", "count": 3, "ratio": 0.5, "tags": ["a", [], [:]], "none": nil, "ok": true,
        "nested": ["list": [1, ["deep": false]]],
    ]

    @Test func compactOutput() {
        #expect(Self.sample.serialized() == #"{"name":"Zoë","count":3,"ratio":0.5,"tags":["a",[],{}],"none":null,"ok":true,"nested":{"list":[1,{"deep":false}]}}"#)
    }

    @Test func prettyOutput() {
        #expect(Self.sample.serialized(.pretty) == """
        {
          "name": "Zoë",
          "count": 3,
          "ratio": 0.5,
          "tags": [
            "a",
            [],
            {}
          ],
          "none": null,
          "ok": true,
          "nested": {
            "list": [
              1,
              {
                "deep": false
              }
            ]
          }
        }
        """)
    }

    @Test("scalars", arguments: [
        (JSONValue.null, "null"), (true, "true"), (false, "false"),
        (0, "0"), (-7, "-7"), (.int(Int.max), "9223372036854775807"), (.int(Int.min), "-9223372036854775808"),
        (.double(1), "1.0"), (.double(-0.0), "-0.0"), (.double(0), "0.0"), (.double(100), "100.0"),
        (.double(0.1), "0.1"), (.double(1e16), "1e+16"), (.double(9_007_199_254_740_992), "9007199254740992.0"),
        (.double(-123456789012345), "-123456789012345.0"), (.double(1e-7), "1e-07"), (.double(.leastNonzeroMagnitude), "5e-324"),
        (.double(.greatestFiniteMagnitude), "1.7976931348623157e+308"),
        (.double(.nan), "null"), (.double(.infinity), "null"), (.double(-.infinity), "null"),
        (.array([]), "[]"), (.object([:]), "{}"), ("", #""""#),
    ])
    func scalars(_ value: JSONValue, _ text: String) {
        #expect(value.serialized() == text)
        #expect(value.serialized(.pretty) == text)
        #expect(value.serializedBytes() == Array(text.utf8))
    }

    @Test("string escapes", arguments: [
        ("\"", #""\"""#), ("\\", #""\\""#), ("/", #""/""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
        ("\u{8}", #""\b""#), ("\u{C}", #""\f""#), ("\u{0}", #""\u0000""#), ("\u{1}", #""\u0001""#),
        ("\u{1F}", #""\u001f""#), ("\u{B}", #""\u000b""#), ("\u{7F}", "\"\u{7F}\""), ("é😀", "\"é😀\""),
        ("\u{2028}", "\"\u{2028}\""), ("a\"b\\c\nd", #""a\"b\\c\nd""#),
    ])
    func escapes(_ string: String, _ text: String) {
        #expect(JSONValue.string(string).serialized() == text)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let text = JSONValue.string(controls).serialized()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(try JSONValue(parsing: text) == .string(controls))
    }

    @Test func keysKeepInsertionOrder() {
        var object = JSONObject()
        for key in ["zeta", "alpha", "mid", "10", "2"] { object[key] = .int(key.count) }
        #expect(JSONValue.object(object).serialized() == #"{"zeta":4,"alpha":5,"mid":3,"10":2,"2":1}"#)
        object["alpha"] = nil
        object["zeta"] = 0
        #expect(JSONValue.object(object).serialized() == #"{"zeta":0,"mid":3,"10":2,"2":1}"#)
    }

    @Test func keysAreEscaped() {
        #expect(JSONValue.object(["a\"\n": 1]).serialized() == #"{"a\"\n":1}"#)
    }

    @Test func descriptionIsCompactJSON() {
        #expect(String(describing: JSONValue.object(["a": [1, "b"]])) == #"{"a":[1,"b"]}"#)
    }
}

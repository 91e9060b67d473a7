import RefineryJSON

/// Documents RFC 8259 allows, with the value each must parse to.
enum AcceptCases {
    static let literals: [AcceptCase] = [
        AcceptCase("null", "null", .null),
        AcceptCase("true", "true", true),
        AcceptCase("false", "false", false),
        AcceptCase("literal with surrounding whitespace", " \t\r\n null \n", .null),
    ]

    static let numbers: [AcceptCase] = [
        AcceptCase("zero", "0", 0),
        AcceptCase("one", "1", 1),
        AcceptCase("negative", "-1", -1),
        AcceptCase("several digits", "1234567890", 1_234_567_890),
        AcceptCase("18 digits stay an integer", "123456789012345678", .int(123_456_789_012_345_678)),
        AcceptCase("19 digits stay an integer", "1234567890123456789", .int(1_234_567_890_123_456_789)),
        AcceptCase("Int64 max", "9223372036854775807", .int(Int.max)),
        AcceptCase("Int64 min", "-9223372036854775808", .int(Int.min)),
        AcceptCase("Int64 max + 1 becomes a double", "9223372036854775808", .double(9_223_372_036_854_775_808.0)),
        AcceptCase("Int64 min - 1 becomes a double", "-9223372036854775809", .double(-9_223_372_036_854_775_809.0)),
        AcceptCase("20 digits become a double", "12345678901234567890", .double(12_345_678_901_234_567_890.0)),
        AcceptCase("negative zero is the double -0.0", "-0", .double(-0.0)),
        AcceptCase("negative zero with a fraction", "-0.0", .double(-0.0)),
        AcceptCase("zero with a fraction is a double", "0.0", .double(0)),
        AcceptCase("one with a fraction is a double", "1.0", .double(1)),
        AcceptCase("fraction", "1.5", 1.5),
        AcceptCase("negative fraction", "-1.5", -1.5),
        AcceptCase("small fraction", "0.000001", 0.000001),
        AcceptCase("pi", "3.141592653589793", 3.141592653589793),
        AcceptCase("tenth", "0.1", 0.1),
        AcceptCase("exponent", "1e2", .double(100)),
        AcceptCase("capital exponent", "1E2", .double(100)),
        AcceptCase("explicit positive exponent", "1e+2", .double(100)),
        AcceptCase("negative exponent", "1e-2", 0.01),
        AcceptCase("fraction and exponent", "1.25e3", .double(1250)),
        AcceptCase("zero exponent", "0e0", .double(0)),
        AcceptCase("exponent with leading zeros", "1e007", .double(1e7)),
        AcceptCase("1e23 rounds correctly", "1e23", .double(1e23)),
        AcceptCase("digits needing correct rounding", "100000000000000000000000", .double(1e23)),
        AcceptCase("17 significant digits", "0.30000000000000004", .double(0.30000000000000004)),
        AcceptCase("largest double", "1.7976931348623157e308", .double(.greatestFiniteMagnitude)),
        AcceptCase("smallest normal double", "2.2250738585072014e-308", .double(.leastNormalMagnitude)),
        AcceptCase("smallest subnormal double", "5e-324", .double(.leastNonzeroMagnitude)),
        AcceptCase("underflow to zero", "1e-400", .double(0)),
        AcceptCase("many fraction digits", "0.1000000000000000055511151231257827", .double(0.1)),
        AcceptCase("number in an array", "[-12.5e-1]", [-1.25]),
    ]

    static let strings: [AcceptCase] = [
        AcceptCase("empty string", #""""#, ""),
        AcceptCase("plain string", #""abc""#, "abc"),
        AcceptCase("escaped quote", #""\"""#, "\""),
        AcceptCase("escaped backslash", #""\\""#, "\\"),
        AcceptCase("escaped slash", #""\/""#, "/"),
        AcceptCase("unescaped slash", #""a/b""#, "a/b"),
        AcceptCase("backspace", #""\b""#, "\u{8}"),
        AcceptCase("form feed", #""\f""#, "\u{C}"),
        AcceptCase("newline", #""\n""#, "\n"),
        AcceptCase("carriage return", #""\r""#, "\r"),
        AcceptCase("tab", #""\t""#, "\t"),
        AcceptCase("unicode escape ASCII", #""\u0041""#, "A"),
        AcceptCase("unicode escape NUL", #""\u0000""#, "\u{0}"),
        AcceptCase("unicode escape two bytes", #""\u00e9""#, "é"),
        AcceptCase("unicode escape upper-case hex", #""\u00C9""#, "É"),
        AcceptCase("unicode escape three bytes", #""\u20AC""#, "€"),
        AcceptCase("unicode escape U+FFFF", #""\uFFFF""#, "\u{FFFF}"),
        AcceptCase("unicode escape U+2028", #""\u2028""#, "\u{2028}"),
        AcceptCase("escaped surrogate pair", #""\uD83D\uDE00""#, "😀"),
        AcceptCase("escaped surrogate pair, lower-case hex", #""\ud83d\ude00""#, "😀"),
        AcceptCase("highest escaped surrogate pair", #""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        AcceptCase("lowest escaped surrogate pair", #""\uD800\uDC00""#, "\u{10000}"),
        AcceptCase("raw two-byte UTF-8", #""é""#, "é"),
        AcceptCase("raw three-byte UTF-8", #""日本語""#, "日本語"),
        AcceptCase("raw four-byte UTF-8", #""😀""#, "😀"),
        AcceptCase("raw U+10FFFF", "\"\u{10FFFF}\"", "\u{10FFFF}"),
        AcceptCase("raw DEL is not a control character", "\"\u{7F}\"", "\u{7F}"),
        AcceptCase("combining mark", "\"e\u{301}\"", "e\u{301}"),
        AcceptCase("escapes mixed with raw UTF-8", #""a\nb\u00e9c😀d\t""#, "a\nbéc😀d\t"),
        AcceptCase("raw UTF-8 before an escape", #""é\n""#, "é\n"),
        AcceptCase("consecutive escapes", #""\u0061\u0062\"\\""#, "ab\"\\"),
        AcceptCase("long string", "\"" + String(repeating: "x", count: 1000) + "\"", .string(String(repeating: "x", count: 1000))),
    ]

    static let containers: [AcceptCase] = [
        AcceptCase("empty array", "[]", []),
        AcceptCase("empty array with whitespace", "[ \n ]", []),
        AcceptCase("array of one", "[1]", [1]),
        AcceptCase("array of scalars", #"[null,true,false,0,"a"]"#, [nil, true, false, 0, "a"]),
        AcceptCase("array with whitespace everywhere", " [ 1 , 2 ] ", [1, 2]),
        AcceptCase("nested empty arrays", "[[[]]]", [[[]]]),
        AcceptCase("arrays in an array", "[[1],[2,3],[]]", [[1], [2, 3], []]),
        AcceptCase("empty object", "{}", [:]),
        AcceptCase("empty object with whitespace", "{\t}", [:]),
        AcceptCase("object of one", #"{"a":1}"#, ["a": 1]),
        AcceptCase("object with whitespace everywhere", "{ \"a\" : 1 , \"b\" : [ ] }", ["a": 1, "b": []]),
        AcceptCase("empty key", #"{"":0}"#, ["": 0]),
        AcceptCase("key with a space", #"{"a b":1}"#, ["a b": 1]),
        AcceptCase("non-ASCII key", #"{"é":1}"#, ["é": 1]),
        AcceptCase("escaped key", #"{"a\/b\n":1}"#, ["a/b\n": 1]),
        AcceptCase("nested objects", #"{"a":{"b":{"c":null}}}"#, ["a": ["b": ["c": nil]]]),
        AcceptCase("objects in arrays in objects", #"{"a":[{"b":[1,{"c":[]}]}]}"#, ["a": [["b": [1, ["c": []]]]]]),
        AcceptCase(
            "object above the index threshold",
            "{" + (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}",
            .object(JSONObject((0..<20).map { ("k\($0)", JSONValue.int($0)) }))
        ),
        AcceptCase("CRLF line breaks", "{\r\n  \"a\": 1\r\n}\r\n", ["a": 1]),
    ]

    static let documents: [AcceptCase] = [
        AcceptCase("top-level string", #"  "x"  "#, "x"),
        AcceptCase("top-level number", "42", 42),
        AcceptCase("byte order mark before a value", bytes: [0xEF, 0xBB, 0xBF] + Array("1".utf8), 1),
        AcceptCase("byte order mark before an object", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"a":[]}"#.utf8), ["a": []]),
        AcceptCase("byte order mark then whitespace", bytes: [0xEF, 0xBB, 0xBF, 0x20, 0x0A] + Array("null".utf8), nil),
        AcceptCase(
            "a Refiner page",
            #"{"items":[{"uuid":"cb47c260-ed64-11ea-8187-a7fc8351fba4","remote_id":null,"attributes":{"nps":"9"}}],"pagination":{"current_page":1,"next_page_cursor":null}}"#,
            [
                "items": [["uuid": "cb47c260-ed64-11ea-8187-a7fc8351fba4", "remote_id": nil, "attributes": ["nps": "9"]]],
                "pagination": ["current_page": 1, "next_page_cursor": nil],
            ]
        ),
    ]

    static let all = literals + numbers + strings + containers + documents
}

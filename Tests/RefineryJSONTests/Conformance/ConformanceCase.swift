import RefineryJSON
import Testing

/// A document the parser must accept, and the value it must produce.
struct AcceptCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: JSONValue

    init(_ name: String, _ text: String, _ expected: JSONValue) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.expected = expected
    }

    init(_ name: String, bytes: [UInt8], _ expected: JSONValue) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    var testDescription: String { name }
}

/// A document the parser must refuse, with the error code and the 1-based line and column it must report.
struct RejectCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let code: String
    let line: Int
    let column: Int

    init(_ name: String, _ text: String, _ code: String, _ line: Int, _ column: Int) {
        self.init(name, bytes: Array(text.utf8), code, line, column)
    }

    init(_ name: String, bytes: [UInt8], _ code: String, _ line: Int, _ column: Int) {
        self.name = name
        self.bytes = bytes
        self.code = "json." + code
        self.line = line
        self.column = column
    }

    var testDescription: String { name }
}

/// `"` + bytes + `"`: a string literal holding raw (possibly invalid) UTF-8.
func quoted(_ bytes: [UInt8]) -> [UInt8] {
    [0x22] + bytes + [0x22]
}

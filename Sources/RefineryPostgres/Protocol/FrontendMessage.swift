/// The messages the client sends, encoded (PostgreSQL protocol v3, "Message Formats").
enum FrontendMessage {
    /// `StartupMessage`: protocol 3.0, the user and database, UTF-8 client encoding.
    static func startup(user: String, database: String) -> [UInt8] {
        var body = MessageWriter()
        body.int32(196_608)
        for (name, value) in [("user", user), ("database", database), ("client_encoding", "UTF8"), ("DateStyle", "ISO")] {
            body.cString(name)
            body.cString(value)
        }
        body.byte(0)
        return body.framed(type: nil)
    }

    static func password(_ text: String) -> [UInt8] {
        var body = MessageWriter()
        body.cString(text)
        return body.framed(type: "p")
    }

    static func saslInitialResponse(mechanism: String, data: [UInt8]) -> [UInt8] {
        var body = MessageWriter()
        body.cString(mechanism)
        body.int32(Int32(data.count))
        body.bytes(data)
        return body.framed(type: "p")
    }

    static func saslResponse(_ data: [UInt8]) -> [UInt8] {
        var body = MessageWriter()
        body.bytes(data)
        return body.framed(type: "p")
    }

    static func query(_ sql: String) -> [UInt8] {
        var body = MessageWriter()
        body.cString(sql)
        return body.framed(type: "Q")
    }

    /// `Parse`, `Bind`, `Describe` (portal), `Execute`, `Sync` for the unnamed statement and portal, every
    /// parameter in text format with its type OID, every result column in text format.
    static func extendedQuery(_ sql: String, _ parameters: [PostgresValue]) -> [UInt8] {
        var parse = MessageWriter()
        parse.cString("")
        parse.cString(sql)
        parse.int16(parameters.count)
        for parameter in parameters { parse.int32(parameter.typeOID) }
        var bind = MessageWriter()
        bind.cString("")
        bind.cString("")
        bind.int16(0) // every parameter in text format
        bind.int16(parameters.count)
        for parameter in parameters {
            if let text = parameter.textForm {
                let utf8 = Array(text.utf8)
                bind.int32(Int32(utf8.count))
                bind.bytes(utf8)
            } else {
                bind.int32(-1)
            }
        }
        bind.int16(0) // every result in text format
        var describe = MessageWriter()
        describe.byte(UInt8(ascii: "P"))
        describe.cString("")
        var execute = MessageWriter()
        execute.cString("")
        execute.int32(0)
        return parse.framed(type: "P") + bind.framed(type: "B") + describe.framed(type: "D")
            + execute.framed(type: "E") + MessageWriter().framed(type: "S")
    }

    static let terminate = MessageWriter().framed(type: "X")
}

struct MessageWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func int16(_ value: Int) {
        let word = UInt16(truncatingIfNeeded: value)
        bytes += [UInt8(word >> 8), UInt8(word & 0xFF)]
    }

    mutating func int32(_ value: Int32) {
        let word = UInt32(bitPattern: value)
        bytes += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
    }

    mutating func bytes(_ data: [UInt8]) { bytes += data }

    mutating func cString(_ text: String) {
        bytes += text.utf8
        bytes.append(0)
    }

    /// The type byte (none for the startup message), the length (itself included) and the body.
    func framed(type: Character?) -> [UInt8] {
        var writer = MessageWriter()
        if let type { writer.byte(type.asciiValue!) }
        writer.int32(Int32(bytes.count + 4))
        writer.bytes(bytes)
        return writer.bytes
    }
}

@testable import RefineryPostgres
import Testing

/// A message as the server frames it: the type byte, the length (itself included), the body.
func frame(_ type: Character, _ body: [UInt8]) -> [UInt8] {
    let length = UInt32(body.count + 4)
    return [type.asciiValue!, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)] + body
}

func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

func int32(_ value: Int32) -> [UInt8] {
    let word = UInt32(bitPattern: value)
    return [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
}

@Suite struct BackendMessageDecoderTests {
    static let complete: [(String, [UInt8], BackendMessage)] = [
        ("auth ok", frame("R", int32(0)), .authentication(.ok)),
        ("md5", frame("R", int32(5) + [1, 2, 3, 4]), .authentication(.md5Password(salt: [1, 2, 3, 4]))),
        ("sasl", frame("R", int32(10) + cString("SCRAM-SHA-256") + [0]), .authentication(.sasl(mechanisms: ["SCRAM-SHA-256"]))),
        ("gss", frame("R", int32(7)), .authentication(.unsupported(7))),
        ("parameter", frame("S", cString("server_version") + cString("15.4")), .parameterStatus(name: "server_version", value: "15.4")),
        ("key", frame("K", int32(42) + int32(7)), .backendKeyData(processId: 42, secretKey: [0, 0, 0, 7])),
        ("ready in transaction", frame("Z", [UInt8(ascii: "T")]), .readyForQuery(.inTransaction)),
        ("row", frame("D", [0, 2] + int32(2) + Array("hi".utf8) + int32(-1)), .dataRow([Array("hi".utf8), nil])),
        ("description", frame("T", [0, 1] + cString("id") + [UInt8](repeating: 0, count: 18)), .rowDescription(["id"])),
        ("complete", frame("C", cString("INSERT 0 3")), .commandComplete(tag: "INSERT 0 3")),
        ("notification", frame("A", int32(9) + cString("jobs") + cString("42")),
         .notification(PostgresNotification(channel: "jobs", payload: "42", processId: 9))),
        ("error", frame("E", [UInt8(ascii: "S")] + cString("ERROR") + [UInt8(ascii: "V")] + cString("ERROR") + [UInt8(ascii: "C")]
            + cString("23505") + [UInt8(ascii: "M")] + cString("duplicate") + [UInt8(ascii: "n")] + cString("t_pkey") + [0]),
         .error(ServerErrorFields(severity: "ERROR", sqlState: "23505", message: "duplicate", detail: nil, constraint: "t_pkey"))),
        ("parse complete", frame("1", []), .parseComplete),
        ("no data", frame("n", []), .noData),
    ]

    @Test(arguments: complete)
    func decodesWhole(name: String, bytes: [UInt8], expected: BackendMessage) throws {
        var decoder = BackendMessageDecoder()
        decoder.append(bytes)
        #expect(try decoder.next() == expected)
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedCount == 0)
    }

    @Test(arguments: complete)
    func decodesByteByByte(name: String, bytes: [UInt8], expected: BackendMessage) throws {
        var decoder = BackendMessageDecoder()
        for (index, byte) in bytes.enumerated() {
            decoder.append([byte])
            let message = try decoder.next()
            #expect(message == (index == bytes.count - 1 ? expected : nil))
        }
    }

    @Test func decodesSeveralInOneChunk() throws {
        var decoder = BackendMessageDecoder()
        decoder.append(Self.complete.flatMap(\.1))
        var messages: [BackendMessage] = []
        while let message = try decoder.next() { messages.append(message) }
        #expect(messages == Self.complete.map(\.2))
    }

    @Test(arguments: [
        ("length under 4", [UInt8(ascii: "Z"), 0, 0, 0, 3], "announces 3 bytes"),
        ("absurd length", [UInt8(ascii: "D"), 0x7F, 0xFF, 0xFF, 0xFF], "announces 2147483647 bytes"),
        ("negative length", [UInt8(ascii: "D"), 0xFF, 0xFF, 0xFF, 0xFF], "announces -1 bytes"),
        ("over the limit", frame("C", [UInt8](repeating: 65, count: 200) + [0]), "(limit 128)"),
        ("unknown type", frame("q", []), "unknown message type 'q'"),
        ("truncated field", frame("K", [0, 1]), "ends inside a field"),
        ("trailing bytes", frame("Z", [UInt8(ascii: "I"), 0]), "1 bytes after its fields"),
        ("bad status", frame("Z", [UInt8(ascii: "X")]), "unknown status 'X'"),
        ("negative count", frame("D", [0xFF, 0xFF]), "negative count"),
        ("bad value length", frame("D", [0, 1] + int32(-2)), "length -2"),
        ("unterminated string", frame("C", Array("SELECT".utf8)), "ends inside a field"),
    ] as [(String, [UInt8], String)])
    func rejects(name: String, bytes: [UInt8], expected: String) {
        var decoder = BackendMessageDecoder(limits: PostgresMessageLimits(maxMessageBytes: 128))
        decoder.append(bytes)
        #expect {
            _ = try decoder.next()
        } throws: { error in
            guard let error = error as? PostgresError, case .protocolViolation(let message) = error else { return false }
            return message.contains(expected)
        }
    }

    @Test func atTheLimitIsAccepted() throws {
        var decoder = BackendMessageDecoder(limits: PostgresMessageLimits(maxMessageBytes: 128))
        let tag = String(repeating: "A", count: 123)
        decoder.append(frame("C", cString(tag)))
        #expect(try decoder.next() == .commandComplete(tag: tag))
    }

    @Test func partialHeaderNeedsMoreData() throws {
        var decoder = BackendMessageDecoder()
        decoder.append([UInt8(ascii: "D"), 0x7F, 0xFF])
        #expect(try decoder.next() == nil)
    }
}

/// Limits on what the server may send, checked before anything is allocated.
package struct PostgresMessageLimits: Sendable {
    /// The largest message, its length field included: 64 MiB by default. A longer length field (or a
    /// length below 4) is a protocol violation; the bytes it announces are never reserved.
    package var maxMessageBytes: Int

    package init(maxMessageBytes: Int = 64 << 20) {
        self.maxMessageBytes = maxMessageBytes
    }
}

/// Splits the server's byte stream into messages: `append` what the socket gave, then call `next()` until
/// it returns nil ("need more data"). A value type with no I/O, so it is tested and fuzzed byte by byte.
package struct BackendMessageDecoder: Sendable {
    package let limits: PostgresMessageLimits
    private var buffer: [UInt8] = []
    private var start = 0

    package init(limits: PostgresMessageLimits = PostgresMessageLimits()) {
        self.limits = limits
    }

    /// Bytes received but not yet decoded.
    package var bufferedCount: Int { buffer.count - start }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message; nil when more bytes are needed. Throws `.protocolViolation` for a length
    /// outside the limits, an unknown type or a malformed body; the stream cannot be resynchronised then.
    package mutating func next() throws(PostgresError) -> BackendMessage? {
        guard bufferedCount >= 5 else { return nil }
        let type = buffer[start]
        var header = MessageReader(buffer[(start + 1)..<(start + 5)])
        let length = Int(try header.int32())
        guard length >= 4, length <= limits.maxMessageBytes else {
            throw .protocolViolation("message '\(Self.name(type))' announces \(length) bytes (limit \(limits.maxMessageBytes))")
        }
        guard bufferedCount >= 1 + length else { return nil }
        let body = buffer[(start + 5)..<(start + 1 + length)]
        start += 1 + length
        return try Self.decode(type: type, body: body)
    }

    static func name(_ type: UInt8) -> String {
        (0x20..<0x7F).contains(type) ? String(UnicodeScalar(type)) : "0x" + String(type, radix: 16)
    }
}

/// Reads the fields of one message body (big-endian integers, NUL-terminated strings); running past the
/// end is a protocol violation.
struct MessageReader {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index == bytes.endIndex }
    var remaining: Int { bytes.endIndex - index }

    mutating func byte() throws(PostgresError) -> UInt8 {
        guard index < bytes.endIndex else { throw Self.truncated }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func int32() throws(PostgresError) -> Int32 {
        let field = try bytes(4)
        return Int32(bitPattern: UInt32(field[0]) << 24 | UInt32(field[1]) << 16 | UInt32(field[2]) << 8 | UInt32(field[3]))
    }

    /// An `Int16` count, which may not be negative.
    mutating func count16() throws(PostgresError) -> Int {
        let field = try bytes(2)
        let count = Int(Int16(bitPattern: UInt16(field[0]) << 8 | UInt16(field[1])))
        guard count >= 0 else { throw .protocolViolation("negative count \(count)") }
        return count
    }

    mutating func bytes(_ count: Int) throws(PostgresError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw Self.truncated }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }

    mutating func cString() throws(PostgresError) -> String {
        guard let end = bytes[index...].firstIndex(of: 0) else { throw Self.truncated }
        defer { index = end + 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    mutating func rest() -> [UInt8] {
        defer { index = bytes.endIndex }
        return Array(bytes[index...])
    }

    private static let truncated = PostgresError.protocolViolation("a message ends inside a field")
}

public import RefineryJSON

/// One entry of a delivery journal.
public enum JournalRecord: Sendable, Hashable {
    /// A delivery was accepted (and will be acknowledged once this record is on disk).
    case accepted(Delivery)
    /// Its execution began: a crash after this and before `finished` leaves it in doubt.
    case started(id: Int)
    /// Its execution finished (successfully, stored as incomplete, or failed): never run again.
    case finished(id: Int, outcome: String)
}

/// A webhook delivery as accepted: a sequence number, when it arrived, and its JSON payload.
public struct Delivery: Sendable, Hashable {
    public var id: Int
    /// Unix time in milliseconds.
    public var receivedAt: Int
    public var payload: JSONValue

    public init(id: Int, receivedAt: Int, payload: JSONValue) {
        self.id = id
        self.receivedAt = receivedAt
        self.payload = payload
    }
}

extension JournalRecord {
    var json: JSONValue {
        switch self {
        case .accepted(let delivery):
            ["type": "accepted", "id": .int(delivery.id), "at": .int(delivery.receivedAt), "payload": delivery.payload]
        case .started(let id):
            ["type": "started", "id": .int(id)]
        case .finished(let id, let outcome):
            ["type": "finished", "id": .int(id), "outcome": .string(outcome)]
        }
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.intValue else { return nil }
        switch json["type"]?.stringValue {
        case "accepted":
            guard let at = json["at"]?.intValue, let payload = json["payload"] else { return nil }
            self = .accepted(Delivery(id: id, receivedAt: at, payload: payload))
        case "started":
            self = .started(id: id)
        case "finished":
            self = .finished(id: id, outcome: json["outcome"]?.stringValue ?? "")
        default:
            return nil
        }
    }
}

/// Records on disk: `length (UInt32 LE) | CRC-32 of the payload (UInt32 LE) | payload (compact JSON)`.
/// A torn write at the end (a crash mid-append) fails the length or checksum test and is cut off: such a
/// record was never acknowledged, because acknowledging waits for the fsync.
enum JournalFraming {
    static let headerSize = 8

    static func frame(_ record: JournalRecord, into output: inout [UInt8]) {
        let payload = record.json.serializedBytes()
        append(UInt32(payload.count), to: &output)
        append(CRC32.checksum(payload), to: &output)
        output.append(contentsOf: payload)
    }

    /// Every intact record from the start of `bytes`, and the length of the intact prefix.
    static func decode(_ bytes: [UInt8]) -> (records: [JournalRecord], validLength: Int) {
        var records: [JournalRecord] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            let length = Int(read(bytes, at: offset))
            let checksum = read(bytes, at: offset + 4)
            let start = offset + headerSize
            guard length <= bytes.count - start else { break }
            let payload = Array(bytes[start..<start + length])
            guard CRC32.checksum(payload) == checksum,
                  let json = try? JSONValue(parsing: payload),
                  let record = JournalRecord(json: json) else { break }
            records.append(record)
            offset = start + length
        }
        return (records, offset)
    }

    private static func append(_ value: UInt32, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    private static func read(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}

/// CRC-32 (IEEE 802.3, the one zlib and PNG use).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

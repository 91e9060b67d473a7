/// A parameter of `PostgresConnection.query`. Every value is sent in text format with the type OID
/// that makes the server read it right: `int` as `int8`, `double` as `float8`, `bool` as `bool`,
/// `bytea` as `bytea` (hex form). `text` goes with OID 0 ("unknown"), so the server infers the type from
/// the context: a text parameter can fill an `int`, `uuid`, `jsonb` or `timestamptz` column.
public enum PostgresValue: Sendable, Hashable {
    case null
    case text(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case bytea([UInt8])

    /// The type OID sent in `Parse` (0: the server infers it).
    var typeOID: Int32 {
        switch self {
        case .null, .text: 0
        case .int: 20
        case .double: 701
        case .bool: 16
        case .bytea: 17
        }
    }

    /// The text form the server parses, nil for NULL.
    var textForm: String? {
        switch self {
        case .null: nil
        case .text(let text): text
        case .int(let value): String(value)
        case .double(let value): Self.text(of: value)
        case .bool(let value): value ? "t" : "f"
        case .bytea(let bytes): Hex.bytea(bytes)
        }
    }

    private static func text(of value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }
}

/// `bytea`'s hex form: `\x` and two lowercase hex digits a byte.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func bytea(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of a `\x…` text, nil when it is not one.
    static func decodeBytea(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func string(_ bytes: [UInt8]) -> String {
        String(bytea(bytes).dropFirst(2))
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

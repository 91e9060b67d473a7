/// Writes JSON text: compact or pretty (two-space indent), keys in their order, integers as integers,
/// doubles in their shortest round-tripping form (non-finite doubles, which JSON cannot hold, as `null`).
public struct JSONSerializer {
    public enum Style: Sendable { case compact, pretty }

    public var style: Style
    private(set) var output: [UInt8] = []

    public init(style: Style = .compact) {
        self.style = style
    }

    public static func bytes(of value: JSONValue, style: Style = .compact) -> [UInt8] {
        var serializer = JSONSerializer(style: style)
        serializer.output.reserveCapacity(64)
        serializer.write(value, indent: 0)
        return serializer.output
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let integer): writeInteger(integer)
        case .double(let double): writeDouble(double)
        case .string(let string): writeString(string)
        case .array(let array): writeArray(array, indent: indent)
        case .object(let object): writeObject(object, indent: indent)
        }
    }

    private mutating func writeArray(_ array: [JSONValue], indent: Int) {
        guard !array.isEmpty else { return append("[]") }
        output.append(UInt8(ascii: "["))
        for (position, element) in array.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            write(element, indent: indent + 1)
        }
        newline(indent)
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject, indent: Int) {
        guard !object.isEmpty else { return append("{}") }
        output.append(UInt8(ascii: "{"))
        for position in 0..<object.count {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            writeString(object.keys[position])
            output.append(UInt8(ascii: ":"))
            if style == .pretty { output.append(UInt8(ascii: " ")) }
            write(object.values[position], indent: indent + 1)
        }
        newline(indent)
        output.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func newline(_ indent: Int) {
        guard style == .pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeInteger(_ integer: Int) {
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        writeDigits(integer.magnitude)
    }

    /// The decimal digits of `magnitude`, written into a small stack buffer first.
    private mutating func writeDigits(_ magnitude: UInt) {
        var magnitude = magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt.max's 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var start = raw.count
            repeat {
                start -= 1
                raw[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: raw[start...])
        }
    }

    /// The shortest text that parses back to the same bits (Swift's `description`); whole numbers below
    /// 2^53 are written directly, as `description` would (`42.0`, `-0.0`).
    private mutating func writeDouble(_ double: Double) {
        guard double.isFinite else { return append("null") }
        if double.magnitude < 9_007_199_254_740_992, double == double.rounded(.towardZero) {
            if double.sign == .minus { output.append(UInt8(ascii: "-")) }
            writeDigits(UInt(double.magnitude))
            return append(".0")
        }
        output.append(contentsOf: double.description.utf8)
    }

    private mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscape(byte)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        default:
            append("\\u00")
            output.append(Self.hexDigit(byte >> 4))
            output.append(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension JSONValue {
    /// JSON text of this value.
    public func serialized(_ style: JSONSerializer.Style = .compact) -> String {
        String(decoding: JSONSerializer.bytes(of: self, style: style), as: UTF8.self)
    }

    /// UTF-8 JSON text of this value.
    public func serializedBytes(_ style: JSONSerializer.Style = .compact) -> [UInt8] {
        JSONSerializer.bytes(of: self, style: style)
    }
}

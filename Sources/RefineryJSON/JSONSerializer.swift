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
        for _ in 0..<indent { output.append(contentsOf: [0x20, 0x20]) }
    }

    private mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeInteger(_ integer: Int) {
        if integer == Int.min { return output.append(contentsOf: String(integer).utf8) }
        var magnitude = integer.magnitude
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var end = raw.count
            repeat {
                end -= 1
                raw[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: raw[end...])
            return raw.count - end
        }
        _ = count
    }

    private mutating func writeDouble(_ double: Double) {
        guard double.isFinite else { return append("null") }
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
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0xF)])
        }
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

import Foundation
import RefineryJSON

extension FunctionLibrary {
    static let encodingFunctions: [FunctionSpec] = [
        FunctionSpec("base64", 1) { args throws(IMLError) in
            .string(Data(try Binary.bytes(args, 0)).base64EncodedString())
        },
        FunctionSpec("encodeURL", 1) { args throws(IMLError) in .string(encodeURIComponent(try args.text(0))) },
        FunctionSpec("decodeURL", 1) { args throws(IMLError) in
            let text = try args.text(0)
            guard let decoded = text.removingPercentEncoding else {
                throw args.invalid(0, "'\(text)' is not valid percent-encoded text")
            }
            return .string(decoded)
        },
        FunctionSpec("escapeHTML", 1) { args throws(IMLError) in .string(escapeHTML(try args.text(0))) },
        FunctionSpec("escapeMarkdown", 1) { args throws(IMLError) in
            var result = ""
            for character in try args.text(0) {
                if "\\`*_{}[]()#+-.!|<>~".contains(character) { result.append("\\") }
                result.append(character)
            }
            return .string(result)
        },
        FunctionSpec("stripHTML", 1) { args throws(IMLError) in .string(stripHTML(try args.text(0))) },
        FunctionSpec("escapeJSON", 1) { args throws(IMLError) in .string(escapeJSON(try args.text(0))) },
        FunctionSpec("mime", 1) { args throws(IMLError) in .string(MIMETypes.type(ofFile: try args.text(0))) },
    ]

    /// The text as it goes between the quotes of a JSON string (`JSON.stringify` without the quotes):
    /// `"` and `\` escaped, control characters as `\n`, `\t`, `\u001f`….
    static func escapeJSON(_ text: String) -> String {
        let quoted = JSONValue.string(text).serialized(.compact)
        return String(quoted.dropFirst().dropLast())
    }

    /// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` is percent-encoded as UTF-8.
    static func encodeURIComponent(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
                 UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + Hex.string([byte]).uppercased()
            }
        }
        return result
    }

    static func escapeHTML(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Removes tags (`<...>`), keeping the text between them.
    static func stripHTML(_ text: String) -> String {
        var result = ""
        var inTag = false
        var quote: Character?
        for character in text {
            if inTag {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == ">" {
                    inTag = false
                }
            } else if character == "<" {
                inTag = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `toString(value; [encoding])`: binary values decode with the encoding (default UTF-8); anything
    /// else is its text.
    static func toText(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        guard let bytes = Binary.bytes(of: args[0]) else {
            guard !IMLLimits.serializesTooLarge(args[0]) else { throw .tooLarge("the result of 'toString'", column: args.column) }
            return .string(args[0].imlText)
        }
        let encoding = try args.optionalText(1) ?? "utf8"
        guard let text = Binary.encode(bytes, as: encoding) else {
            throw args.invalid(1, "unknown encoding '\(encoding)'; use utf8, hex, base64 or latin1")
        }
        return .string(text)
    }

    /// `toBinary(value; [encoding])`: text decoded from the encoding (default UTF-8) into a binary value.
    static func toBinary(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        if Binary.bytes(of: args[0]) != nil { return args[0] }
        let text = try args.text(0)
        let encoding = try args.optionalText(1) ?? "utf8"
        guard let bytes = Binary.decode(text, from: encoding) else {
            throw args.invalid(0, "'\(text)' is not valid \(encoding)")
        }
        guard bytes.count <= IMLLimits.maxItems else { throw .tooLarge("the result of 'toBinary'", column: args.column) }
        return Binary.value(bytes)
    }
}

/// Binary data, as Node.js serializes a Buffer: `{"type": "Buffer", "data": [bytes]}`.
enum Binary {
    static func value(_ bytes: [UInt8]) -> JSONValue {
        .object(["type": "Buffer", "data": .array(bytes.map { .int(Int($0)) })])
    }

    static func bytes(of value: JSONValue) -> [UInt8]? {
        guard case .object(let object) = value, object.count == 2, object["type"] == "Buffer",
              case .array(let items)? = object["data"] else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count)
        for item in items {
            guard case .int(let byte) = item, let exact = UInt8(exactly: byte) else { return nil }
            bytes.append(exact)
        }
        return bytes
    }

    /// A binary value's bytes, or text as UTF-8.
    static func bytes(_ args: CallArguments, _ index: Int) throws(IMLError) -> [UInt8] {
        if let bytes = bytes(of: args[index]) { return bytes }
        return Array(try args.text(index).utf8)
    }

    static func encode(_ bytes: [UInt8], as encoding: String) -> String? {
        switch encoding.lowercased() {
        case "utf8", "utf-8": String(decoding: bytes, as: UTF8.self)
        case "hex": Hex.string(bytes)
        case "base64": Data(bytes).base64EncodedString()
        case "latin1", "binary", "ascii": String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default: nil
        }
    }

    static func decode(_ text: String, from encoding: String) -> [UInt8]? {
        switch encoding.lowercased() {
        case "utf8", "utf-8": return Array(text.utf8)
        case "base64": return Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { Array($0) }
        case "hex": return hexBytes(text)
        case "latin1", "binary", "ascii":
            let scalars = text.unicodeScalars
            guard scalars.allSatisfy({ $0.value < 256 }) else { return nil }
            return scalars.map { UInt8(truncatingIfNeeded: $0.value) }
        default: return nil
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
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

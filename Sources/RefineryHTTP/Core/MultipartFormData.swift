/// A `multipart/form-data` body (RFC 7578): text fields and files, in order.
///
/// The boundary is derived from the parts themselves (a 64-bit FNV-1a hash), not random: the same
/// request gives the same bytes, so a recording replays it. A boundary that occurs in a part is
/// rehashed until it does not.
public struct MultipartFormData: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(name: String, value: String)
        case file(name: String, fileName: String, contentType: String, bytes: [UInt8])
    }

    public var parts: [Part]

    public init(_ parts: [Part]) {
        self.parts = parts
    }

    /// The `Content-Type` header value, with the boundary.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public var boundary: String {
        var seed: UInt64 = 0xcbf2_9ce4_8422_2325
        while true {
            let candidate = "refinery-" + String(Self.hash(parts, seed: seed), radix: 16)
            if !parts.contains(where: { Self.contains($0, Array(candidate.utf8)) }) { return candidate }
            seed &+= 1
        }
    }

    public var bytes: [UInt8] {
        let boundary = Array(boundary.utf8)
        var out: [UInt8] = []
        for part in parts {
            out += Array("--".utf8) + boundary + Array("\r\n".utf8)
            switch part {
            case .text(let name, let value):
                out += Array("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n".utf8)
                out += Array(value.utf8)
            case .file(let name, let fileName, let contentType, let bytes):
                out += Array("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(fileName))\"\r\n".utf8)
                out += Array("Content-Type: \(contentType)\r\n\r\n".utf8)
                out += bytes
            }
            out += Array("\r\n".utf8)
        }
        out += Array("--".utf8) + boundary + Array("--\r\n".utf8)
        return out
    }

    /// A name as a quoted string: `"` and line breaks percent-encoded, as browsers send them (RFC 7578 §4.2).
    static func quoted(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case "\r\n": out += "%0D%0A"
            default: out.append(character)
            }
        }
        return out
    }

    private static func hash(_ parts: [Part], seed: UInt64) -> UInt64 {
        var hash = seed
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
        }
        for part in parts {
            switch part {
            case .text(let name, let value): mix(name.utf8); mix(value.utf8)
            case .file(let name, let fileName, let type, let bytes): mix(name.utf8); mix(fileName.utf8); mix(type.utf8); mix(bytes)
            }
        }
        return hash
    }

    private static func contains(_ part: Part, _ needle: [UInt8]) -> Bool {
        switch part {
        case .text(let name, let value): occurs(needle, in: Array(name.utf8)) || occurs(needle, in: Array(value.utf8))
        case .file(let name, let fileName, _, let bytes):
            occurs(needle, in: Array(name.utf8)) || occurs(needle, in: Array(fileName.utf8)) || occurs(needle, in: bytes)
        }
    }

    private static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }
}

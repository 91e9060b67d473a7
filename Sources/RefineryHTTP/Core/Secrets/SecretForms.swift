import Foundation
import RefineryJSON

/// The forms in which a secret value can travel: in a URL, a JSON string, a header, or base64 inside
/// Basic credentials or a token an API echoes back.
///
/// - the value itself, and JSON-escaped (with and without `\/`);
/// - percent-encoded (upper- and lower-case hex, `%20` and `+` for spaces);
/// - base64 and base64url, padded and unpadded, of `value`, `value:` and `:value`;
/// - base64 and base64url of the value at each of the three byte offsets it can start at inside a longer
///   encoded text (`user:value` for any user): the characters that depend on the value alone, when there
///   are at least `minimumCoreLength` of them. Replacing them leaves at most two bytes of the value on
///   each side, never the value.
public enum SecretForms {
    /// Base64 characters that depend on the value alone, fewer than this are not searched for: they
    /// could match by chance.
    public static let minimumCoreLength = 8

    /// Every form, longest first, without repeats.
    public static func all(_ value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        var forms = [value] + jsonEscaped(value) + percentEncoded(value)
        for encoded in base64Forms(value) {
            forms.append(encoded)
            forms += percentEncoded(encoded)
        }
        return unique(forms)
    }

    static func percentEncoded(_ value: String) -> [String] {
        let upper = PercentEncoding.encode(value)
        let lower = lowercasingHex(upper)
        return [upper, lower, upper.replacingOccurrences(of: "%20", with: "+"), lower.replacingOccurrences(of: "%20", with: "+")]
    }

    static func jsonEscaped(_ value: String) -> [String] {
        let quoted = JSONValue.string(value).serialized()
        let escaped = String(quoted.dropFirst().dropLast())
        return [escaped, escaped.replacingOccurrences(of: "/", with: "\\/")]
    }

    /// Base64 (standard and url alphabets) of the whole credentials forms and of the value's cores.
    static func base64Forms(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        var standard: [String] = []
        for credentials in [bytes, bytes + [UInt8(ascii: ":")], [UInt8(ascii: ":")] + bytes] {
            let encoded = Data(credentials).base64EncodedString()
            standard += [encoded, String(encoded.prefix { $0 != "=" })]
        }
        for offset in 0..<3 {
            if let core = core(of: bytes, at: offset) { standard.append(core) }
        }
        return standard + standard.map(urlAlphabet)
    }

    /// The base64 characters of `bytes` placed `offset` bytes into a text, that depend on `bytes` alone.
    static func core(of bytes: [UInt8], at offset: Int) -> String? {
        let placed = [UInt8](repeating: 0, count: offset) + bytes
        let whole = placed.count / 3 * 3
        let dependent = [0, 2, 3][offset]
        let encoded = Data(placed[..<whole]).base64EncodedString().dropFirst(dependent)
        return encoded.count >= minimumCoreLength ? String(encoded) : nil
    }

    static func urlAlphabet(_ standard: String) -> String {
        String(standard.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.filter { $0 != "=" })
    }

    static func lowercasingHex(_ encoded: String) -> String {
        var out = ""
        var afterPercent = 0
        for character in encoded {
            if character == "%" {
                afterPercent = 2
                out.append(character)
            } else if afterPercent > 0 {
                afterPercent -= 1
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func unique(_ forms: [String]) -> [String] {
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.utf8.count > $1.utf8.count }
    }
}

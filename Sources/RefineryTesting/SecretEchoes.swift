import Foundation
import RefineryHTTP

/// A secret as an API that echoes it back could send it (error bodies, debug endpoints, Basic
/// credentials), and the check that a text reveals none of it.
package enum SecretEchoes {
    /// Every encoding of `secret`: raw, JSON-escaped, percent-encoded (both cases, `+` for spaces),
    /// base64 and base64url padded and unpadded, and inside Basic credentials with users of every length
    /// modulo 3 on either side.
    package static func forms(of secret: String) -> [String] {
        let base64 = Data(secret.utf8).base64EncodedString()
        let url = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        var forms = [
            secret,
            secret.replacingOccurrences(of: "/", with: "\\/"),
            PercentEncoding.encode(secret),
            PercentEncoding.encode(secret).lowercased(),
            PercentEncoding.encode(secret).replacingOccurrences(of: "%20", with: "+"),
            base64, String(base64.prefix { $0 != "=" }), url, String(url.prefix { $0 != "=" }),
            PercentEncoding.encode(base64),
        ]
        for user in ["", "a", "ab", "abc", "user", "api-user"] {
            forms.append("Basic " + Data("\(user):\(secret)".utf8).base64EncodedString())
            forms.append("Basic " + Data("\(secret):\(user)".utf8).base64EncodedString())
        }
        return forms
    }

    /// Whether `text` still carries `secret` (all but two bytes on each side): as it is, percent-decoded,
    /// or in any base64 or base64url run it holds.
    package static func reveal(_ secret: String, in text: String) -> Bool {
        let runs = text.split { !($0.isLetter || $0.isNumber || "+/=-_".contains($0)) }
        let decoded = runs.compactMap { run -> String? in
            let standard = run.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            let padded = standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
            return Data(base64Encoded: padded).map { String(decoding: $0, as: UTF8.self) }
        }
        let middle = String(secret.dropFirst(2).dropLast(2))
        let unescaped = text.replacingOccurrences(of: "\\/", with: "/")
        return ([text, unescaped, PercentEncoding.decode(Substring(text)) ?? ""] + decoded).contains { $0.contains(middle) }
    }
}

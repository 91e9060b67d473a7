import Foundation
import RefineryJSON

/// The forms in which a secret value can show up in HTTP traffic and in a cassette file.
enum SecretForms {
    /// Forms to replace in decoded strings, longest first: the value, percent-encoded (`%20` and `+`
    /// for spaces), and base64 of `value`, `value:` and `:value` (Basic credentials with the secret as
    /// user or password), each padded and unpadded.
    static func redactable(_ value: String) -> [String] {
        var forms: [String] = [value, PercentEncoding.encode(value), PercentEncoding.encode(value).replacingOccurrences(of: "%20", with: "+")]
        for credentials in [value, value + ":", ":" + value] {
            let encoded = Data(credentials.utf8).base64EncodedString()
            forms.append(encoded)
            forms.append(String(encoded.prefix { $0 != "=" }))
        }
        return unique(forms)
    }

    /// Forms to search for in a cassette's bytes: the redactable forms, and each as it looks inside a
    /// JSON string (quotes, backslashes and control characters escaped).
    static func searchable(_ value: String) -> [[UInt8]] {
        let forms = redactable(value)
        return unique(forms + forms.map(jsonEscaped)).map { Array($0.utf8) }
    }

    static func jsonEscaped(_ text: String) -> String {
        let quoted = JSONValue.string(text).serialized()
        return String(quoted.dropFirst().dropLast())
    }

    private static func unique(_ forms: [String]) -> [String] {
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.utf8.count > $1.utf8.count }
    }
}

import Foundation
import RefineryHTTP

/// Refiner's three ways to send the key — `Authorization: Bearer KEY`, Basic with the key as user
/// name (`-u KEY:`), or an `api_key` parameter — and its three failures.
enum Authentication {
    /// Keys shorter than this count as "no key" (Refiner: "key too short to look like one").
    static let minimumLength = 8

    /// The key the request carries, checked against `expected`.
    static func check(_ request: HTTPRequest, parameters: SandboxParameters, expected: String) throws(SandboxError) {
        guard let key = presentedKey(request, parameters: parameters), key.count >= minimumLength else { throw .noKey }
        guard looksValid(key) else { throw .malformedKey }
        guard key == expected else { throw .unknownKey }
    }

    static func presentedKey(_ request: HTTPRequest, parameters: SandboxParameters) -> String? {
        if let header = request.headers["Authorization"]?.trimmed, !header.isEmpty {
            let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
            let scheme = parts[0].lowercased()
            let credentials = parts.count > 1 ? parts[1].trimmed : ""
            if scheme == "bearer" { return credentials }
            if scheme == "basic" {
                guard let data = Data(base64Encoded: credentials) else { return credentials }
                let text = String(decoding: data, as: UTF8.self)
                return String(text.prefix { $0 != ":" })
            }
        }
        return (try? parameters.string("api_key")) ?? nil
    }

    /// Letters, digits, `-`, `_` and `.`, at most 128 characters.
    static func looksValid(_ key: String) -> Bool {
        key.utf8.count <= 128 && key.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 45 || byte == 95 || byte == 46
        }
    }
}

/// The last line of defence: searches a cassette's bytes for every secret in every form it could take
/// (`SecretForms`: raw, percent-encoded, JSON-escaped, base64 and base64url, inside Basic credentials).
/// `<redacted>` markers are blanked first, so a secret that happens to be part of the word cannot give a
/// false alarm. The bytes are also searched percent-decoded, which catches encoders that escape more
/// than they must (`sk%5Flive`).
enum SecretScanner {
    /// The first secret (longest first) whose value is still in `bytes`, in any form.
    static func leakedSecret(in bytes: [UInt8], secrets: [Redactor.Secret]) -> Redactor.Secret? {
        guard !secrets.isEmpty else { return nil }
        let patterns = SecretPatterns(secrets: secrets.map(\.value))
        let blanked = blankingMarkers(bytes)
        let found = patterns.replacing(in: blanked, with: []).found + patterns.replacing(in: percentDecoded(blanked), with: []).found
        return found.min().map { secrets[$0] }
    }

    /// `%XX` sequences decoded in place; anything else kept as it is.
    static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = PercentEncoding.hexValue(bytes[index + 1]), let low = PercentEncoding.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    static func blankingMarkers(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let marker = Array(Redactor.marker.utf8)
        var start = 0
        while let range = ByteSearch.firstRange(of: marker, in: bytes, from: start) {
            for index in range { bytes[index] = 0 }
            start = range.upperBound
        }
        return bytes
    }
}

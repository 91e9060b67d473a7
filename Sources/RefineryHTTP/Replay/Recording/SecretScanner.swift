/// The last line of defence: searches a cassette's bytes for every secret in every form it could take
/// (raw, percent-encoded, base64 credentials, JSON-escaped). `<redacted>` markers are blanked first, so
/// a secret that happens to be part of the word cannot give a false alarm.
enum SecretScanner {
    /// The first secret (longest first) whose value is still in `bytes`.
    static func leakedSecret(in bytes: [UInt8], secrets: [Redactor.Secret]) -> Redactor.Secret? {
        guard !secrets.isEmpty else { return nil }
        let blanked = blankingMarkers(bytes)
        return secrets.first { secret in
            SecretForms.searchable(secret.value).contains { ByteSearch.firstRange(of: $0, in: blanked) != nil }
        }
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

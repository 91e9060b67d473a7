import Foundation

extension Redactor {
    /// `text` with every form of every secret replaced by the marker; each hit is logged at `place`.
    func redactSecrets(in text: String, place: String, log: inout RedactionLog) -> String {
        var text = text
        for ((secret, forms), bytes) in zip(forms, formBytes) {
            for (form, pattern) in zip(forms, bytes) where Self.contains(text, pattern) {
                text = text.replacingOccurrences(of: form, with: Self.marker)
                log.note(.secret, secret.name, at: place)
            }
        }
        return text
    }

    /// A byte search over the string's UTF-8 (Foundation's `contains` goes through UTF-16: a recording of
    /// 20 pages of contacts spent 70 % of its time there).
    static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        guard text.utf8.count >= pattern.count else { return false }
        if let found = text.utf8.withContiguousStorageIfAvailable({ ByteSearch.firstRange(of: pattern, in: $0) != nil }) {
            return found
        }
        return ByteSearch.firstRange(of: pattern, in: Array(text.utf8)) != nil
    }

    /// Bytes with every form of every secret replaced by the marker (for binary bodies).
    func redactSecrets(in bytes: [UInt8], place: String, log: inout RedactionLog) -> [UInt8] {
        var bytes = bytes
        let marker = Array(Self.marker.utf8)
        for (secret, forms) in forms {
            for form in forms {
                let pattern = Array(form.utf8)
                var found = false
                var start = 0
                while let range = ByteSearch.firstRange(of: pattern, in: bytes, from: start) {
                    bytes.replaceSubrange(range, with: marker)
                    start = range.lowerBound + marker.count
                    found = true
                }
                if found { log.note(.secret, secret.name, at: place) }
            }
        }
        return bytes
    }

    /// A query string (or urlencoded body) with the values of redacted parameters replaced, pairs kept
    /// in their order and raw form otherwise. `extraNames` are more names to redact (body paths).
    func redactParameters(
        in query: Substring,
        place: String,
        extraNames: [String: String] = [:],
        log: inout RedactionLog
    ) -> String {
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = FormURLEncoding.decodeComponent(pair[..<equals])
            let rule = queryRule(name)
            if let path = extraNames[name] {
                log.note(.path, path, at: place)
            } else if let path = rule.path {
                log.note(.path, path.text, at: place)
            } else if rule.redacts {
                log.note(.query, name.lowercased(), at: place)
            } else {
                return String(pair)
            }
            return pair[...equals] + Self.marker
        }
        return pairs.joined(separator: "&")
    }

    /// A URL with redacted query parameters and secrets replaced.
    func redactURL(_ url: String, log: inout RedactionLog) -> String {
        var redacted = url
        if let mark = url.firstIndex(of: "?") {
            let afterMark = url.index(after: mark)
            let end = url[afterMark...].firstIndex(of: "#") ?? url.endIndex
            let query = redactParameters(in: url[afterMark..<end], place: "request.url", log: &log)
            redacted = String(url[...mark]) + query + String(url[end...])
        }
        return redactSecrets(in: redacted, place: "request.url", log: &log)
    }
}

/// Substring search in bytes (a cassette is a few megabytes at most; this is plenty fast).
enum ByteSearch {
    static func firstRange<Bytes: RandomAccessCollection>(
        of pattern: [UInt8], in bytes: Bytes, from start: Int = 0
    ) -> Range<Int>? where Bytes.Element == UInt8, Bytes.Index == Int {
        guard let first = pattern.first, start >= 0, pattern.count <= bytes.count - start else { return nil }
        let last = bytes.count - pattern.count
        var position = start
        while position <= last {
            if bytes[position] == first, bytes[position..<position + pattern.count].elementsEqual(pattern) {
                return position..<position + pattern.count
            }
            position += 1
        }
        return nil
    }
}

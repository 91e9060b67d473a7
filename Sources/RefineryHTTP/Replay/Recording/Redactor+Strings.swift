import Foundation

extension Redactor {
    /// `text` with every form of every secret replaced by the marker; each hit is logged at `place`.
    func redactSecrets(in text: String, place: String, log: inout RedactionLog) -> String {
        guard patterns.contains(text) else { return text }
        let (redacted, found) = patterns.replacing(in: text, with: Self.marker)
        note(found, at: place, log: &log)
        return redacted
    }

    /// Bytes with every form of every secret replaced by the marker (for binary bodies).
    func redactSecrets(in bytes: [UInt8], place: String, log: inout RedactionLog) -> [UInt8] {
        let (redacted, found) = patterns.replacing(in: bytes, with: Array(Self.marker.utf8))
        note(found, at: place, log: &log)
        return redacted
    }

    private func note(_ found: [Int], at place: String, log: inout RedactionLog) {
        for index in Set(found) { log.note(.secret, secrets[index].name, at: place) }
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

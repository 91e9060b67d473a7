import Synchronization

/// Every form of a set of secrets (`SecretForms.all`), found in one pass over a text's UTF-8 bytes: a
/// bitmap of the forms' first two bytes says where a form can start, and only there are the forms that
/// start with that byte compared, longest first. A text without secrets costs one bit test per byte,
/// whatever the number of forms (every form has at least 3 bytes).
public struct SecretPatterns: Sendable {
    /// A form that was found: which secret it belongs to (its index in the secrets given) and where.
    public struct Match: Sendable, Equatable {
        public var secret: Int
        public var range: Range<Int>
    }

    private let patterns: [(bytes: [UInt8], secret: Int)]
    /// For each first byte, the indices of the patterns that start with it, longest first.
    private let byFirstByte: [[Int]]
    /// Bit `first << 8 | second` is set when a pattern starts with those two bytes (65,536 bits).
    private let starts: [UInt64]

    /// - Parameter secrets: the secret values; a secret's index is what `Match.secret` reports.
    public init(secrets: [String]) {
        var patterns: [(bytes: [UInt8], secret: Int)] = []
        for (index, secret) in secrets.enumerated() {
            patterns += SecretForms.all(secret).map { (Array($0.utf8), index) }
        }
        patterns.sort { $0.bytes.count > $1.bytes.count }
        var buckets = [[Int]](repeating: [], count: 256)
        var starts = [UInt64](repeating: 0, count: 1024)
        for (index, pattern) in patterns.enumerated() {
            buckets[Int(pattern.bytes[0])].append(index)
            let key = Int(pattern.bytes[0]) << 8 | Int(pattern.bytes.count > 1 ? pattern.bytes[1] : 0)
            starts[key >> 6] |= 1 << UInt64(key & 63)
        }
        self.patterns = patterns
        self.byFirstByte = buckets
        self.starts = starts
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// The patterns of `secrets`, built once per distinct list: every module call of a run redacts the
    /// same connection secrets, and building ~30 forms per secret per call cost a scenario run 20 %.
    public static func shared(secrets: [String]) -> SecretPatterns {
        if let known = cache.withLock({ $0[secrets] }) { return known }
        let built = SecretPatterns(secrets: secrets)
        cache.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[secrets] = built
        }
        return built
    }

    private static let cache = Mutex<[[String]: SecretPatterns]>([:])

    /// The leftmost (and there the longest) form at or after `start`.
    public func firstMatch(in bytes: some RandomAccessCollection<UInt8>, from start: Int = 0) -> Match? {
        guard !patterns.isEmpty else { return nil }
        if let found = bytes.withContiguousStorageIfAvailable({ firstMatch(in: $0, from: start) }) { return found }
        return Array(bytes).withUnsafeBufferPointer { firstMatch(in: $0, from: start) }
    }

    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Match? {
        guard bytes.count >= 2 else { return nil }
        return starts.withUnsafeBufferPointer { starts in
            var position = max(start, 0)
            let last = bytes.count - 1
            while position < last {
                let key = Int(bytes[position]) << 8 | Int(bytes[position + 1])
                if starts[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                    for index in byFirstByte[Int(bytes[position])] where matches(patterns[index].bytes, in: bytes, at: position) {
                        return Match(secret: patterns[index].secret, range: position..<position + patterns[index].bytes.count)
                    }
                }
                position += 1
            }
            return nil
        }
    }

    private func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        guard bytes.count - position >= pattern.count else { return false }
        var offset = 1
        while offset < pattern.count {
            if bytes[position + offset] != pattern[offset] { return false }
            offset += 1
        }
        return true
    }

    public func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: $0, from: 0) } != nil
    }

    /// `bytes` with every form replaced by `marker`, and the secrets found (by index, in order, repeated).
    public func replacing(in bytes: [UInt8], with marker: [UInt8]) -> (bytes: [UInt8], found: [Int]) {
        var found: [Int] = []
        var output: [UInt8] = []
        var copied = 0
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            while let match = firstMatch(in: buffer, from: position) {
                if output.isEmpty { output.reserveCapacity(buffer.count) }
                output += buffer[copied..<match.range.lowerBound]
                output += marker
                found.append(match.secret)
                copied = match.range.upperBound
                position = match.range.upperBound
            }
        }
        guard !found.isEmpty else { return (bytes, []) }
        output += bytes[copied...]
        return (output, found)
    }

    /// `text` with every form replaced by `marker`, and the secrets found.
    public func replacing(in text: String, with marker: String) -> (text: String, found: [Int]) {
        guard contains(text) else { return (text, []) }
        let (bytes, found) = replacing(in: Array(text.utf8), with: Array(marker.utf8))
        return found.isEmpty ? (text, []) : (String(decoding: bytes, as: UTF8.self), found)
    }
}

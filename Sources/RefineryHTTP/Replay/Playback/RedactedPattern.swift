import Foundation

/// A recorded string where each `<redacted>` stands for any text: `Bearer <redacted>` matches
/// `Bearer abc123`, and `<redacted>` alone matches anything.
enum RedactedPattern {
    static func matches(recorded: String, sent: String) -> Bool {
        guard recorded.contains(Redactor.marker) else { return recorded == sent }
        let pieces = recorded.components(separatedBy: Redactor.marker)
        guard let first = pieces.first, let last = pieces.last, sent.hasPrefix(first) else { return false }
        var rest = sent[sent.index(sent.startIndex, offsetBy: first.count)...]
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(last)
    }
}

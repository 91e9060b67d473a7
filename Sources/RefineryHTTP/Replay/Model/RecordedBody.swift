public import RefineryJSON
import Foundation

/// A body as a cassette stores it: parsed JSON when it is JSON (so it diffs and matches semantically),
/// else UTF-8 text, else base64 of the bytes.
///
/// A JSON body replays as compact JSON: equal as JSON to the bytes that were recorded, not necessarily
/// byte for byte (whitespace, `1e3` vs `1000.0`, `\u00e9` vs `é`).
public enum RecordedBody: Sendable, Hashable {
    case empty
    case json(JSONValue)
    case text(String)
    case binary([UInt8])

    /// Classifies `bytes`: JSON when the content type says so or the body starts with `{` or `[` and
    /// parses; text when it is valid UTF-8; binary otherwise.
    public init(capturing bytes: [UInt8], contentType: String?) {
        guard !bytes.isEmpty else {
            self = .empty
            return
        }
        if Self.looksLikeJSON(bytes, contentType: contentType), let value = try? JSONValue(parsing: bytes) {
            self = .json(value)
        } else if let text = String(validating: bytes, as: UTF8.self) {
            self = .text(text)
        } else {
            self = .binary(bytes)
        }
    }

    /// The bytes a replay sends.
    public var bytes: [UInt8] {
        switch self {
        case .empty: []
        case .json(let value): value.serializedBytes()
        case .text(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        }
    }

    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }

    static func looksLikeJSON(_ bytes: [UInt8], contentType: String?) -> Bool {
        if let contentType, contentType.lowercased().contains("json") { return true }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}

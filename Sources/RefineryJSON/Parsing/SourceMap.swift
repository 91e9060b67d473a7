/// Byte offsets of every value and member key of a parsed document, found by JSON Pointer.
///
/// Stored as a tree that mirrors the value: one entry per value, the entries of a container's members
/// side by side. A pointer is resolved by walking the value and the entries together, so recording costs
/// no strings and no hashing while parsing.
public struct SourceMap: Sendable {
    struct Entry: Sendable {
        /// Where the value starts.
        var value: Int
        /// Where the member's key starts (its opening quote); -1 for array elements and the root.
        var key: Int
        /// Where the entries of a container's members start in `entries`.
        var firstChild: Int
    }

    var root: JSONValue = .null
    var rootEntry = Entry(value: 0, key: -1, firstChild: 0)
    var entries: [Entry] = []

    /// Where the value at `pointer` starts.
    public func valueOffset(of pointer: JSONPointer) -> Int? {
        entry(for: pointer)?.value
    }

    /// Where the key of the member at `pointer` starts (its opening quote); nil for array elements.
    public func keyOffset(of pointer: JSONPointer) -> Int? {
        guard let key = entry(for: pointer)?.key, key >= 0 else { return nil }
        return key
    }

    private func entry(for pointer: JSONPointer) -> Entry? {
        var value = root
        var entry = rootEntry
        for token in pointer.tokens {
            let index: Int
            switch value {
            case .object(let object):
                guard let position = object.index(forKey: token) else { return nil }
                index = position
                value = object.values[position]
            case .array(let array):
                guard let position = JSONPointer.arrayIndex(token), position < array.count else { return nil }
                index = position
                value = array[position]
            default:
                return nil
            }
            entry = entries[entry.firstChild + index]
        }
        return entry
    }
}

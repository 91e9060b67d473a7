/// Byte offsets of every value and member key in a parsed document, by JSON Pointer.
public struct SourceMap: Sendable {
    var valueOffsets: [String: Int] = [:]
    var keyOffsets: [String: Int] = [:]

    /// Where the value at `pointer` starts.
    public func valueOffset(of pointer: JSONPointer) -> Int? {
        valueOffsets[pointer.description]
    }

    /// Where the key of the member at `pointer` starts (its opening quote); nil for array elements.
    public func keyOffset(of pointer: JSONPointer) -> Int? {
        keyOffsets[pointer.description]
    }
}

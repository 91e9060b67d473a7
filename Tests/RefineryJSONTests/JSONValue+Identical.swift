import RefineryJSON

extension JSONValue {
    /// Stricter than `==`: doubles compare by bit pattern (so `-0.0` differs from `0.0`) and object
    /// members must be in the same order.
    func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.double(let lhs), .double(let rhs)):
            return lhs.bitPattern == rhs.bitPattern
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.isIdentical(to: $1) }
        case (.object(let lhs), .object(let rhs)):
            return lhs.keys == rhs.keys && zip(lhs.values, rhs.values).allSatisfy { $0.isIdentical(to: $1) }
        default:
            return self == other
        }
    }
}

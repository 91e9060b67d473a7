import RefineryJSON

/// What the sandbox draws its seeded data with: the same seed gives the same data on every platform.
extension SeededGenerator {
    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// A UUID in the sandbox's own layout (version nibble only). Frozen: shipped scenarios and their
    /// cassettes name the seeded forms by these ids, so the layout must not follow `uuid()`.
    mutating func dataUUID() -> String {
        let high = next()
        let low = next()
        var hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
        hex = String(hex.prefix(12)) + "4" + String(hex.dropFirst(13))
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}

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

    /// A version-1 (time-based) UUID in RFC 9562 layout, as Refiner's own
    /// (`cb47c260-ed64-11ea-8187-a7fc8351fba4`), drawn from the generator: the 60-bit timestamp falls
    /// between 2020 and 2026, the clock sequence and the node are random (the node with its multicast
    /// bit set, as RFC 9562 asks of a node that is not a MAC address). Two draws, as before, so the rest
    /// of the seeded data does not move when the layout changes.
    mutating func dataUUID() -> String {
        let high = next()
        let low = next()
        let timestamp = UUIDLayout.gregorianTicks2020 + high % UUIDLayout.sixYearsOfTicks
        let clockSequence = UInt16(truncatingIfNeeded: low >> 48) & 0x3FFF | 0x8000
        let node = low & 0xFFFF_FFFF_FFFF | 0x0100_0000_0000
        let timeLow = timestamp & 0xFFFF_FFFF
        let timeMid = (timestamp >> 32) & 0xFFFF
        let timeHighAndVersion = (timestamp >> 48) & 0x0FFF | 0x1000
        return [
            UUIDLayout.hex(timeLow, 8), UUIDLayout.hex(timeMid, 4), UUIDLayout.hex(timeHighAndVersion, 4),
            UUIDLayout.hex(UInt64(clockSequence), 4), UUIDLayout.hex(node, 12),
        ].joined(separator: "-")
    }
}

enum UUIDLayout {
    /// 100-ns intervals from 1582-10-15 (the UUID epoch) to 2020-01-01T00:00:00Z.
    static let gregorianTicks2020: UInt64 = (12_219_292_800 + 1_577_836_800) * 10_000_000
    static let sixYearsOfTicks: UInt64 = 6 * 365 * 86_400 * 10_000_000

    static func hex(_ value: UInt64, _ digits: Int) -> String {
        String(value, radix: 16).leftPadded(to: digits)
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}

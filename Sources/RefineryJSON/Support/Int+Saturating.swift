extension Int {
    /// The whole part of a JSON number, saturated to `Int`'s range: `Int(_:)` traps on values beyond it,
    /// and a JSON number may be as large as 1.8e308 (`"maxLength": 1e300` in a module file).
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.223_372_036_854_775_807e18 {
            self = .max
        } else if value <= -9.223_372_036_854_775_808e18 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}

extension Comparable {
    public func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}

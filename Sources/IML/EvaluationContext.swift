public import Foundation
public import RefineryJSON

/// The world one evaluation sees: the top-level names, the time, the time zone and the random seed.
///
/// Nothing is read from the process: `now`, `timestamp` and date defaults come from `now` and `timeZone`;
/// `random`, `uuid` and `shuffle` draw from a generator seeded with `randomSeed` at the start of each
/// `evaluate` call, so the same context gives the same result (tests, replays). Give each bundle or run
/// its own seed to get fresh values.
public struct EvaluationContext: Sendable {
    /// Top-level names: `parameters`, `body`, `temp`, `connection`, scenario module ids (`"1"`, `"2"`)...
    public var scope: JSONObject
    public var now: Date
    /// The default zone of `formatDate`, `parseDate` and date arithmetic.
    public var timeZone: TimeZone
    public var randomSeed: UInt64

    public init(scope: JSONObject = [:], now: Date, timeZone: TimeZone = .gmt, randomSeed: UInt64 = 0) {
        self.scope = scope
        self.now = now
        self.timeZone = timeZone
        self.randomSeed = randomSeed
    }
}

/// SplitMix64: small, fast, and the same on every platform. The project's seeded generator: IML's
/// `random`, `uuid` and `shuffle`, the engine's per-bundle seeds, retry jitter.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A number in `0..<1` with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

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

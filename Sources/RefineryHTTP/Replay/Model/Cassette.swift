public import Foundation
public import RefineryJSON

/// A recording of a run's HTTP traffic: the interactions in the order their responses arrived, the
/// instant the recording started (a replay's virtual clock starts there), and what was redacted.
///
/// A cassette is plain data. It is read and written as JSON through `JSONValue` (see
/// `Cassette+Encoding.swift`, `Cassette+Decoding.swift`), with a fixed key order so that re-recording
/// the same traffic gives the same bytes and changes diff well in git. The format is documented in
/// `docs/replay.md` and `schemas/cassette.schema.json`.
public struct Cassette: Sendable, Hashable {
    /// The format version this code writes and reads.
    public static let formatVersion = 1
    /// The value of the `format` member, so a cassette is recognisable on its own.
    public static let formatName = "refinery-cassette"

    public var version: Int
    /// Virtual time zero: the clock's reading when recording began, to the millisecond.
    public var start: Date
    public var interactions: [Interaction]
    /// What was redacted, by kind, name and place; never a value.
    public var redactions: [Redaction]
    /// The recorded run's random seed (`{{uuid}}`, `{{random}}`, `shuffle()`, jitter), so a replay
    /// draws the same values; nil in cassettes written before it was kept (replayed with seed 0).
    public var seed: UInt64?
    /// Instant-trigger scenarios: the webhook payloads the recorded run received, in order. A replay runs
    /// one execution for each (`refinery webhook deliver --record` writes them). Redacted like the traffic.
    public var deliveries: [JSONValue]

    public init(
        start: Date,
        interactions: [Interaction] = [],
        redactions: [Redaction] = [],
        seed: UInt64? = nil,
        deliveries: [JSONValue] = [],
        version: Int = Cassette.formatVersion
    ) {
        self.version = version
        self.start = start
        self.interactions = interactions
        self.redactions = redactions
        self.seed = seed
        self.deliveries = deliveries
    }
}

/// A run's random seed: a non-negative 63-bit number, so a cassette holds it as a plain JSON integer.
public enum RandomSeed {
    public static func fresh() -> UInt64 {
        .random(in: 0...UInt64(Int64.max))
    }
}

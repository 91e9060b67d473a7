public import Foundation

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

    public init(
        start: Date,
        interactions: [Interaction] = [],
        redactions: [Redaction] = [],
        version: Int = Cassette.formatVersion
    ) {
        self.version = version
        self.start = start
        self.interactions = interactions
        self.redactions = redactions
    }
}

public import Foundation
public import RefineryJSON

/// How to run a scenario. Defaults: the blueprint's `roundtrips`, start from all items, UTC.
public struct RunOptions: Sendable {
    /// Overrides `metadata.scenario.roundtrips` (`--max-cycles`).
    public var maxCycles: Int?
    /// Where a polling trigger starts when it has no stored position yet.
    public var start: TriggerStart = .all
    public var timeZone: TimeZone = .gmt
    /// Instant-trigger scenarios: the webhook payload to process (one cycle, the first module outputs it).
    public var delivery: JSONValue?

    public init(maxCycles: Int? = nil, start: TriggerStart = .all) {
        self.maxCycles = maxCycles
        self.start = start
    }
}

/// How far a run is, reported after each cycle.
public struct RunProgress: Sendable, Hashable {
    public var cycles: Int
    public var operations: Int
}

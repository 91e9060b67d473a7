public import Foundation

/// How to run a scenario. Defaults: the blueprint's `roundtrips`, start from all items, UTC.
public struct RunOptions: Sendable {
    /// Overrides `metadata.scenario.roundtrips` (`--max-cycles`).
    public var maxCycles: Int?
    /// Where a polling trigger starts when it has no stored position yet.
    public var start: TriggerStart = .all
    public var timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current

    public init(maxCycles: Int? = nil, start: TriggerStart = .all) {
        self.maxCycles = maxCycles
        self.start = start
    }
}

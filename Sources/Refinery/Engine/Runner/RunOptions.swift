public import Foundation
public import RefineryJSON

/// How to run a scenario. Defaults: the blueprint's `roundtrips`, start from all items, UTC.
public struct RunOptions: Sendable {
    /// Overrides `metadata.scenario.roundtrips` (`--max-cycles`).
    public var maxCycles: Int?
    /// Where a polling trigger starts when it has no stored position yet.
    public var start: TriggerStart = .all
    public var timeZone: TimeZone = .gmt
    /// Sets the stored state aside before the run (`--reset-state`): trigger positions and incomplete
    /// executions start empty; the old state file is kept (`StateStore.setAside`).
    public var resetState = false
    /// Instant-trigger scenarios: the webhook payloads to process, in order, one cycle each (the first
    /// module outputs it). `serve` runs one per execution; a replay runs every one its cassette holds.
    public var deliveries: [JSONValue] = []
    /// `serve`: the journal id of the delivery being run. Its incomplete executions are named
    /// `delivery-<id>-<n>`, so a restart that finds the delivery in doubt sees it was already stored.
    public var journalDeliveryId: Int?
    /// Names the execution for the data store batches it commits, so a re-run of it after a kill does
    /// not apply them twice (`incomplete retry` sets it; deliveries and polling cycles have their own).
    public var executionId: String?
    /// `gateway:WebhookRespond`: where its answer goes (the receiver waiting to answer the sender). Nil:
    /// nobody waits (a replay, `webhook deliver`), and the module only passes its bundle on.
    public var respond: (@Sendable (WebhookAnswer) -> Void)?
    /// Called with every bundle a module outputs, in execution order (`refinery run --trace`).
    public var onBundle: (@Sendable (BundleTrace) -> Void)?
    /// The scenario inputs (`var.input.<name>`), as given; defaults and conversions apply at the start
    /// of the run (`ScenarioInputs.resolve`).
    public var inputs = JSONObject()

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

/// One bundle a module output: which cycle, which module, the bundle itself.
public struct BundleTrace: Sendable, Hashable {
    public var cycle: Int
    public var moduleId: Int
    public var module: String
    public var bundle: JSONValue

    public var json: JSONValue {
        ["cycle": .int(cycle), "id": .int(moduleId), "module": .string(module), "bundle": bundle]
    }
}

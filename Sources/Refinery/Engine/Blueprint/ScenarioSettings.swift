/// `metadata.scenario`: Make's scenario settings. Defaults are Make's.
public struct ScenarioSettings: Sendable, Hashable {
    /// Max number of cycles per run.
    public var roundtrips: Int = 1
    /// Consecutive failed runs before the scenario is marked inactive.
    public var maxErrors: Int = 3
    public var autoCommit: Bool = true
    public var autoCommitTriggerLast: Bool = true
    /// Instant scenarios: process the queue one delivery at a time. Also: no runs while incomplete
    /// executions are pending.
    public var sequential: Bool = false
    /// Allow storing incomplete executions (unhandled errors and `Break`).
    public var dlq: Bool = false
    public var confidential: Bool = false
    public var dataloss: Bool = false
    public var freshVariables: Bool = false

    public init() {}
}

/// `metadata.refinery`: Refinery's own limits. Defaults are documented in docs/scenarios.md.
public struct RunLimits: Sendable, Hashable {
    /// Operations per run; nil = unlimited.
    public var maxOperations: Int?
    /// Pages one module call may fetch.
    public var maxPages: Int = 100
    /// Seconds one module call may spend on HTTP: attempts, retry waits and pages (1 to 86,400).
    public var callTimeout: Int = Int(ModuleEnvironment.defaultCallTimeout)
    /// Largest bundle an app module may output, in bytes of compact JSON.
    public var maxBundleBytes: Int = 5 * 1024 * 1024
    /// Requests per minute per connection (app name).
    public var requestsPerMinute: [String: Int] = ["refiner": 4000]
    /// `metadata.refinery.commit`: `"bundle"` (default) writes the trigger position after every trigger
    /// bundle that was fully processed; `"cycle"` only at the end of each cycle (Make's rollback of a whole
    /// cycle, at the price of re-running the cycle's earlier bundles after a failure or a crash).
    public var commitEachBundle: Bool = true
    /// `metadata.refinery.webhook`: how `refinery serve` takes this scenario's deliveries.
    public var webhook = WebhookSettings()

    public init() {}
}

/// `scheduling`: when `refinery serve` runs a polling scenario (`refinery run` runs on demand).
/// `indefinitely` every `interval` seconds; `daily` at `time`; `weekly` on `days` (0 = Sunday) at `time`;
/// `time` is `HH:MM` in `timezone` (an IANA name, Refinery's addition; default UTC).
public struct Scheduling: Sendable, Hashable {
    public var type: String
    public var interval: Int?
    /// `HH:MM`, 24-hour.
    public var time: String?
    /// Weekdays for `weekly`: 0 = Sunday ... 6 = Saturday.
    public var days: [Int]
    /// IANA time zone name of `time`; nil = UTC.
    public var timeZone: String?

    public init(type: String, interval: Int? = nil, time: String? = nil, days: [Int] = [], timeZone: String? = nil) {
        self.type = type
        self.interval = interval
        self.time = time
        self.days = days
        self.timeZone = timeZone
    }
}

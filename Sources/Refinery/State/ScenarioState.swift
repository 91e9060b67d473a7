public import Foundation
public import RefineryJSON

/// Everything kept between runs of one scenario. Written as one JSON file, atomically, so a trigger
/// position and the incomplete executions of the same cycle are committed together.
public struct ScenarioState: Sendable, Hashable {
    /// Polling trigger positions by module id.
    public var positions: [Int: TriggerPosition] = [:]
    public var incomplete: [IncompleteExecution] = []
    /// `util:FunctionIncrement` values that never reset (`reset: scenario`), by module id.
    public var counters: [Int: Int] = [:]
    /// Failed runs in a row; reset by a successful run.
    public var consecutiveErrors: Int = 0
    /// False once `maxErrors` consecutive runs failed.
    public var active: Bool = true
    /// The latest runs, newest last (at most `historyLimit`).
    public var history: [RunSummary] = []
    /// Incremented on every write (helps spot lost updates).
    public var revision: Int = 0

    public static let historyLimit = 20

    public init() {}
}

/// A stored run that did not finish: an unhandled error with `dlq` on, or a `Break` directive.
public struct IncompleteExecution: Sendable, Hashable {
    /// The id of an incomplete execution stored by the execution of webhook delivery `delivery`.
    public static func id(delivery: Int, serial: Int) -> String { "delivery-\(delivery)-\(serial)" }

    /// Whether it was stored by webhook delivery `delivery` (by its execution, or as in doubt).
    public func isFrom(delivery: Int) -> Bool {
        id == "delivery-\(delivery)" || id.hasPrefix("delivery-\(delivery)-")
    }

    public var id: String
    public var createdAt: Date
    /// The module that failed, and the bundles on its path (the scope) when it did.
    public var moduleId: Int
    public var scope: JSONObject
    public var errorType: String
    public var message: String
    /// Automatic retry (Break's `retry`, `count`, `interval` in minutes).
    public var retry: Bool
    public var maxAttempts: Int
    public var intervalMinutes: Int
    public var attempts: Int = 0
    public var nextAttemptAt: Date?

    public init(
        id: String, createdAt: Date, moduleId: Int, scope: JSONObject, errorType: String, message: String,
        retry: Bool = false, maxAttempts: Int = 0, intervalMinutes: Int = 15
    ) {
        self.id = id
        self.createdAt = createdAt
        self.moduleId = moduleId
        self.scope = scope
        self.errorType = errorType
        self.message = message
        self.retry = retry
        self.maxAttempts = maxAttempts
        self.intervalMinutes = intervalMinutes
        self.nextAttemptAt = retry ? createdAt.addingTimeInterval(Double(intervalMinutes) * 60) : nil
    }
}

/// One line of run history.
public struct RunSummary: Sendable, Hashable {
    public var startedAt: Date
    public var status: String
    public var cycles: Int
    public var operations: Int
    public var limit: String?
    /// The first unhandled error of the run (`RunReport.ErrorRecord.line`), so the state says why it failed.
    public var failure: String?

    public init(startedAt: Date, status: String, cycles: Int, operations: Int, limit: String? = nil, failure: String? = nil) {
        self.startedAt = startedAt
        self.status = status
        self.cycles = cycles
        self.operations = operations
        self.limit = limit
        self.failure = failure
    }
}

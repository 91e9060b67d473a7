public import RefineryJSON

/// What a run did: status, cycles, operations, per-module counts, the limit that stopped it, the errors.
/// Encodes to deterministic JSON (no times, modules by id) for `--json` and for replay comparisons.
public struct RunReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Every cycle committed (a limit may have ended the run early: see `limit`).
        case success
        /// The run went on, but at least one incomplete execution was stored (Break, or an unhandled error with `dlq`).
        case incomplete
        /// An unhandled error or a Rollback directive rolled back the last cycle.
        case error
    }

    public struct ModuleStats: Sendable, Hashable {
        public var id: Int
        public var module: String
        public var operations: Int
        /// Bundles the module output.
        public var bundles: Int
        /// What the module's filter let through and held back; nil when the module has no filter.
        public var filter: FilterCounts?
    }

    /// Make's "passed N / didn't pass M" on a filter: bundles that reached the filter and went on, and
    /// those it stopped. A bundle whose filter could not be evaluated (an error) is in neither.
    public struct FilterCounts: Sendable, Hashable {
        public var passed: Int = 0
        public var dropped: Int = 0

        public init(passed: Int = 0, dropped: Int = 0) {
            self.passed = passed
            self.dropped = dropped
        }
    }

    public struct ErrorRecord: Sendable, Hashable {
        public var moduleId: Int
        public var module: String
        /// Which input bundle of that module (1-based).
        public var bundle: Int
        public var type: String
        public var message: String
        public var status: Int?
        /// A short excerpt of the response body (redacted by the module runtime).
        public var body: String?
        /// The directive that handled it (`builtin:Ignore`, ...), or nil when unhandled.
        public var handledBy: String?

        /// One line naming the module, the error type, the HTTP status and the message:
        /// `refiner:tagResponse (module 2): ConnectionError [HTTP 500]: ...`.
        public var line: String {
            let status = status.map { " [HTTP \($0)]" } ?? ""
            return "\(module) (module \(moduleId)): \(type)\(status): \(message)"
        }
    }

    /// The first error no handler took: what failed the run, or what was stored with `dlq`.
    public var firstUnhandledError: ErrorRecord? { errors.first { $0.handledBy == nil } }

    public var scenario: String
    public var status: Status = .success
    public var cycles: Int = 0
    public var operations: Int = 0
    public var modules: [ModuleStats] = []
    public var limit: LimitReached?
    public var errors: [ErrorRecord] = []
    public var incompleteExecutions: Int = 0

    public init(scenario: String) {
        self.scenario = scenario
    }

    public func stats(for id: Int) -> ModuleStats? {
        modules.first { $0.id == id }
    }
}

extension RunReport {
    /// The report as JSON with keys in a fixed order.
    public var json: JSONValue {
        var object: JSONObject = ["scenario": .string(scenario), "status": .string(status.rawValue)]
        object["cycles"] = .int(cycles)
        object["operations"] = .int(operations)
        object["modules"] = .array(modules.map(Self.json))
        object["limit"] = limit.map { limit in
            var object: JSONObject = ["name": .string(limit.kind.rawValue), "moduleId": limit.moduleId.map(JSONValue.int) ?? .null, "count": .int(limit.count)]
            if limit.madeNoProgress { object["noProgress"] = true }
            return .object(object)
        } ?? .null
        object["errors"] = .array(errors.map(Self.json))
        object["incompleteExecutions"] = .int(incompleteExecutions)
        return .object(object)
    }

    private static func json(_ stats: ModuleStats) -> JSONValue {
        var object: JSONObject = ["id": .int(stats.id), "module": .string(stats.module), "operations": .int(stats.operations), "bundles": .int(stats.bundles)]
        if let filter = stats.filter { object["filter"] = ["passed": .int(filter.passed), "dropped": .int(filter.dropped)] }
        return .object(object)
    }

    private static func json(_ error: ErrorRecord) -> JSONValue {
        var object: JSONObject = ["moduleId": .int(error.moduleId), "module": .string(error.module), "bundle": .int(error.bundle)]
        object["type"] = .string(error.type)
        object["message"] = .string(error.message)
        object["status"] = error.status.map(JSONValue.int) ?? .null
        object["body"] = error.body.map(JSONValue.string) ?? .null
        object["handledBy"] = error.handledBy.map(JSONValue.string) ?? .null
        return .object(object)
    }
}

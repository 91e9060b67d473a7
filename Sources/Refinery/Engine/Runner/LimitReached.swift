/// A per-run or per-cycle limit that ended a run cleanly: which limit, the module that hit it, the count.
public struct LimitReached: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `metadata.scenario.roundtrips` or `--max-cycles`: cycles per run.
        case maxCycles
        /// `metadata.refinery.maxOperations`: operations per run.
        case maxOperations
        /// `metadata.refinery.maxPages`: pages one module call may fetch.
        case maxPages
        /// `metadata.refinery.maxBundleBytes`: the size of one bundle.
        case maxBundleBytes
        /// `metadata.refinery.requestsPerMinute`: requests per connection per minute.
        case requestBudget
    }

    public var kind: Kind
    /// The module id that hit it; nil for run-wide limits (cycles).
    public var moduleId: Int?
    /// The value reached (cycles run, operations, pages, bytes, requests in the window).
    public var count: Int
    /// The polling trigger hit `maxPages` in the run's first cycle, before anything was processed: the run
    /// moved nothing, and every run will stop at the same place until `maxPages` is raised.
    public var madeNoProgress = false

    public init(_ kind: Kind, moduleId: Int? = nil, count: Int) {
        self.kind = kind
        self.moduleId = moduleId
        self.count = count
    }
}

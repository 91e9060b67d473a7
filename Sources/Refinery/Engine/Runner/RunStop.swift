import RefineryJSON

/// Why a cycle stops before its bundles are all done. Thrown through the flow, caught by the cycle.
enum RunStop: Error {
    /// A limit was reached: commit what was fully processed, end the run cleanly.
    case limit(LimitReached)
    /// A Commit directive: commit, including the current bundle, and end the run.
    case commit
    /// A Rollback directive: roll the cycle back; the run failed.
    case rollback
    /// An error no handler took: roll back (or store it, with `dlq`).
    case unhandled(moduleId: Int, scope: BundleScope, failure: ModuleError)
    /// With `dlq`: the unhandled error was stored as an incomplete execution; commit and end the run.
    case parked
    /// The task was cancelled.
    case cancelled
}

/// A scenario's state while `serve` runs it. Two implementations: `SharedScenarioState` (files: this
/// process holds the lock and group-commits the state) and `PostgresServedState` (many workers share a
/// lock that keeps `refinery run` out, and each execution merges its changes in a transaction).
protocol ServedState: Sendable {
    var key: String { get }
    /// A store for one execution: it reads the state and merges what it wrote into the shared one.
    func executionStore() -> any ServedExecutionStore
    /// A store that replaces the state (one run at a time: the polling scheduler).
    func directStore() -> any ServedExecutionStore
    /// Applies `change` and returns once it is durable.
    func update(_ change: @escaping @Sendable (inout ScenarioState) -> Void) async throws
    func release()
}

/// The store one served execution sees; `waitUntilDurable()` returns once what it wrote is durable.
protocol ServedExecutionStore: StateStore {
    func waitUntilDurable() async throws
}

public import Foundation
public import RefineryHTTP
public import RefineryJSON

/// Everything a run takes from outside the scenario, in one value: where requests go, what time it is,
/// where state lives, the connections' secrets, the randomness, and who hears about progress. Each
/// command that runs modules builds one (the CLI in one place, tests with an in-process transport and a
/// virtual clock); a compiled `ScenarioPlan` holds descriptors only and meets its environment when it
/// runs, so one plan runs against the sandbox, a cassette or the real API alike.
public struct RuntimeEnvironment: Sendable {
    public var transport: any HTTPTransport
    public var clock: any RunClock
    public var store: any StateStore
    /// Resolved connection values by app name (`refiner` → `apiKey`, `baseUrl`).
    public var connections: [String: JSONObject]
    public var retryPolicy: RetryPolicy
    /// The run's seed: `{{uuid}}`, `{{random}}` and `shuffle()` differ per bundle and per seed, and the
    /// retry jitter comes from it too. A recording keeps it in the cassette, so a replay repeats the run.
    public var randomSeed: UInt64
    /// Hears each finished cycle and, throttled, the operations within one (the CLI shows progress on a terminal).
    public var events: @Sendable (RunEvent) -> Void
    /// `http:MakeRequest`'s named connections (`REFINERY_HTTP_<NAME>_*`); none by default.
    public var httpConnections = HTTPConnections()
    /// Where `datastore:*` modules keep records: the state folder's `datastores/` (`FileDataStoreBackend`),
    /// or memory, fresh for this environment, by default.
    public var dataStores: any DataStoreBackend = MemoryDataStoreBackend()

    public init(
        transport: any HTTPTransport, clock: any RunClock, store: any StateStore = MemoryStateStore(),
        connections: [String: JSONObject] = [:], retryPolicy: RetryPolicy = RetryPolicy(),
        randomSeed: UInt64 = RandomSeed.fresh(), events: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.transport = transport
        self.clock = clock
        self.store = store
        self.connections = connections
        self.retryPolicy = retryPolicy
        self.randomSeed = randomSeed
        self.events = events
    }

    /// This environment with another state store (a hosted scenario's shared state, one per execution).
    public func with(store: any StateStore) -> RuntimeEnvironment {
        var copy = self
        copy.store = store
        return copy
    }

    /// What one app module call gets: the transport, charged to `budget` when there is one, the retrier
    /// with jitter from this environment's seed, the page limit and the call's deadline.
    public func moduleEnvironment(
        budget: RequestBudget? = nil, maxPages: Int = 100, callTimeout: Double = ModuleEnvironment.defaultCallTimeout, timeZone: TimeZone = .gmt
    ) -> ModuleEnvironment {
        let transport: any HTTPTransport = budget.map { BudgetedTransport(base: self.transport, budget: $0) } ?? self.transport
        let jitter = SeededRandom(seed: randomSeed)
        return ModuleEnvironment(
            transport: transport, clock: clock, retryPolicy: retryPolicy, random: { jitter.nextUnit() }, timeZone: timeZone,
            maxPages: maxPages, callTimeout: callTimeout
        )
    }
}

/// What a run tells its environment as it goes.
public enum RunEvent: Sendable, Hashable {
    case cycleFinished(RunProgress)
    /// Operations so far while cycle `cycles` runs: at most every 100 operations or every 0.25 s on
    /// the run clock (`cycles` is the cycle running, `operations` the run's total).
    case cycleProgressed(RunProgress)
    /// `--reset-state` moved the stored state here before the run.
    case stateSetAside(path: String)
}

/// Spends the run's request budget before every request, so the budget stops a run cleanly.
struct BudgetedTransport: HTTPTransport {
    let base: any HTTPTransport
    let budget: RequestBudget

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try budget.spend()
        return try await base.send(request)
    }
}

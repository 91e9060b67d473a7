import Foundation
import RefineryHTTP
public import RefineryJSON
import Synchronization

extension ScenarioHost {
    /// What `deliver` did: the deliveries it ran (those a previous process left first, then the new one).
    public struct DirectDelivery: Sendable {
        /// The new delivery's id in the journal.
        public var id: Int
        /// The new delivery's run report; nil when its execution could not start.
        public var report: RunReport?
        /// Reports of deliveries recovered from the journal and run before it, in order.
        public var recovered: [RunReport]
        /// Deliveries found in doubt and handled per the scenario's `inDoubt` policy.
        public var inDoubt: Int
    }

    /// `refinery webhook deliver`: the same journal and engine as `serve`, without a server. Takes the
    /// scenario's state lock, recovers the journal, appends `payload` durably, processes the queue
    /// (sequentially) and returns once it is empty.
    public static func deliver(
        _ payload: JSONValue, to scenario: HostedScenario, options: Options,
        events: @escaping @Sendable (ServeEvent) -> Void = { _ in }
    ) async throws -> DirectDelivery {
        if let shared = options.shared { return try await deliver(payload, to: scenario, sharing: shared, options: options, events: events) }
        let store = FileStateStore(directory: options.stateDirectory, now: { [clock = options.clock] in clock.now })
        let state = try SharedScenarioState(store: store, key: scenario.key)
        defer { state.release() }
        let reports = Mutex<[Int: RunReport]>([:])
        let collect: @Sendable (ServeEvent) -> Void = { event in
            if case .delivered(_, let id, let report) = event { reports.withLock { $0[id] = report } }
            events(event)
        }
        let queue = try WebhookQueue(
            scenario, state: state, directory: options.stateDirectory, environment: options.environment,
            options: scenario.runOptions(options.runOptions), events: collect, mode: .sequential
        )
        try await queue.start(policy: scenario.plan.limits.webhook.inDoubt)
        let delivery = try await queue.accept(payload, receivedAt: options.clock.now)
        await queue.drain()
        let done = reports.withLock { $0 }
        let earlier = (queue.recovered.pending + queue.recovered.runningAgain(under: scenario.plan.limits.webhook.inDoubt)).map(\.id)
        return DirectDelivery(
            id: delivery.id, report: done[delivery.id], recovered: earlier.sorted().compactMap { done[$0] },
            inDoubt: queue.recovered.inDoubt.count
        )
    }

    /// With a shared store: the payload joins the scenario's PostgreSQL queue claimed by this process,
    /// which runs it (under the shared lock, beside any serve workers); deliveries already queued are left
    /// to the workers serving it.
    private static func deliver(
        _ payload: JSONValue, to scenario: HostedScenario, sharing store: PostgresStore, options: Options,
        events: @escaping @Sendable (ServeEvent) -> Void
    ) async throws -> DirectDelivery {
        let state = try await BlockingWork.run { try PostgresServedState(store: store.stateStore, key: scenario.key) }
        defer { state.release() }
        let reports = Mutex<[Int: RunReport]>([:])
        let worker = PostgresDeliveryWorker(
            scenario, store: store, state: state, environment: options.environment, options: scenario.runOptions(options.runOptions),
            claimsOnAccept: true
        ) { event in
            if case .delivered(_, let id, let report) = event { reports.withLock { $0[id] = report } }
            events(event)
        }
        let delivery = try await worker.queue.accept(payload, receivedAt: options.clock.now, capacity: scenario.plan.limits.webhook.queueCapacity)
        await worker.run(delivery)
        return DirectDelivery(id: delivery.id, report: reports.withLock { $0[delivery.id] }, recovered: [], inDoubt: 0)
    }
}

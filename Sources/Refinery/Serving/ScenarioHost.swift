public import Foundation
public import RefineryHTTP

/// `refinery serve` without the command line: one HTTP server for every instant-trigger scenario (one
/// path each, `/hooks/<key>`), a durable queue and a processor per scenario, and a scheduler per polling
/// scenario with a recurring `scheduling`. Holds each scenario's state lock while it serves.
public final class ScenarioHost: Sendable {
    /// Where and how to serve. Defaults: loopback, any free port.
    public struct Options: Sendable {
        public var host: String = "127.0.0.1"
        public var port: Int = 0
        /// State files, locks and journals (`<key>.deliveries.journal`).
        public var stateDirectory: URL
        /// Transport, clock, connections and randomness of every run; each run's store is the hosted
        /// scenario's shared state.
        public var environment: RuntimeEnvironment
        public var limits = HTTPServerLimits(maxBodyBytes: 1024 * 1024)
        public var runOptions = RunOptions()
        /// `--store postgres://...`: state, webhook queues, schedules and data stores in PostgreSQL, shared
        /// with every other worker serving from it (nil: files in `stateDirectory`, this process only).
        public var shared: PostgresStore? {
            didSet { if let shared { environment.dataStores = shared.dataStores } }
        }
        /// With `shared`: how long, in seconds, a worker holds a delivery it claimed before another worker
        /// may take it, in doubt (renewed every third of it while the execution runs).
        public var claimLease: Double = PostgresDeliveryQueue.defaultLease
        /// With `shared`: seconds a finished delivery stays in the queue table before a worker prunes it.
        public var keepFinished: Double = PostgresDeliveryQueue.defaultKeepFinished

        public var clock: any RunClock { environment.clock }

        public init(stateDirectory: URL, environment: RuntimeEnvironment) {
            self.stateDirectory = stateDirectory
            self.environment = environment
            // The data stores live with the state the host serves from.
            self.environment.dataStores = FileDataStoreBackend(stateDirectory: stateDirectory)
        }
    }

    public let server: HTTPServer
    /// The instant-trigger scenarios served, with their paths.
    public let webhooks: [HostedScenario]
    /// The polling scenarios run on their schedule.
    public let scheduled: [HostedScenario]
    /// Scenarios given that neither listen nor recur (a polling scenario without a recurring schedule).
    public let idle: [HostedScenario]
    let queues: [String: WebhookQueue]
    /// With a shared store: this worker's claim loops, by webhook path, and its `LISTEN` connection.
    let workers: [String: PostgresDeliveryWorker]
    let listener: PostgresNotificationListener?
    let schedulers: [ScenarioScheduler]
    let states: [any ServedState]

    /// Locks every scenario's state, opens and recovers the journals, binds the server (not yet serving).
    /// With `options.shared`, takes the shared form of each lock (other workers serve too) and uses the
    /// store's queues instead of journals. Throws `StateError` (a scenario is already served or run),
    /// journal I/O errors, `HTTPServerError`.
    public init(_ scenarios: [HostedScenario], options: Options, events: @escaping @Sendable (ServeEvent) -> Void = { _ in }) throws {
        let store = FileStateStore(directory: options.stateDirectory, now: { [clock = options.clock] in clock.now })
        var states: [any ServedState] = []
        do {
            var queues: [String: WebhookQueue] = [:]
            var workers: [String: PostgresDeliveryWorker] = [:]
            var schedulers: [ScenarioScheduler] = []
            for scenario in scenarios {
                let state: any ServedState = if let shared = options.shared {
                    try PostgresServedState(store: shared.stateStore, key: scenario.key)
                } else {
                    try SharedScenarioState(store: store, key: scenario.key)
                }
                states.append(state)
                let runOptions = scenario.runOptions(options.runOptions)
                if scenario.isInstant, let shared = options.shared {
                    workers[scenario.path] = PostgresDeliveryWorker(
                        scenario, store: shared, lease: options.claimLease, keepFinished: options.keepFinished, state: state,
                        environment: options.environment, options: runOptions, events: events
                    )
                } else if scenario.isInstant {
                    queues[scenario.path] = try WebhookQueue(
                        scenario, state: state, directory: options.stateDirectory, environment: options.environment,
                        options: runOptions, events: events
                    )
                } else if let schedule = scenario.plan.scheduling, schedule.isRecurring {
                    schedulers.append(ScenarioScheduler(
                        scenario, schedule: schedule, state: state, environment: options.environment, options: runOptions, events: events,
                        slots: options.shared.map { PostgresScheduleSlots(store: $0, scenario: scenario.key) }
                    ))
                }
            }
            server = try Self.server(for: scenarios, queues: queues, workers: workers, options: options)
            self.queues = queues
            self.workers = workers
            self.schedulers = schedulers
            listener = options.shared.map { PostgresNotificationListener(store: $0, doorbells: workers.values.reduce(into: [:]) { $0[$1.queue.scenario] = $1.doorbell }) }
        } catch {
            states.forEach { $0.release() }
            throw error
        }
        self.states = states
        webhooks = scenarios.filter(\.isInstant)
        scheduled = scenarios.filter { !$0.isInstant && $0.plan.scheduling?.isRecurring == true }
        idle = scenarios.filter { !$0.isInstant && $0.plan.scheduling?.isRecurring != true }
    }

    /// One server for every instant-trigger scenario: its path, token, journal (or shared queue) and capacity.
    private static func server(
        for scenarios: [HostedScenario], queues: [String: WebhookQueue], workers: [String: PostgresDeliveryWorker], options: Options
    ) throws -> HTTPServer {
        let endpoints = scenarios.filter(\.isInstant).compactMap { scenario -> WebhookEndpoint? in
            let log: any DeliveryLog, answers: WebhookAnswers
            if let queue = queues[scenario.path] {
                (log, answers) = (queue.journal, queue.answers)
            } else if let worker = workers[scenario.path] {
                (log, answers) = (worker.queue, worker.answers)
            } else {
                return nil
            }
            return WebhookEndpoint(
                path: scenario.path, scenario: scenario.key, token: scenario.token, kind: scenario.endpointKind, journal: log,
                capacity: scenario.plan.limits.webhook.queueCapacity, answers: scenario.plan.responds ? answers : nil,
                respondTimeout: Double(scenario.plan.limits.webhook.respondTimeout)
            )
        }
        let receiver = WebhookReceiver(endpoints: endpoints, clock: options.clock) { endpoint, delivery in
            queues[endpoint.path]?.enqueue(delivery)
            guard let worker = workers[endpoint.path] else { return }
            if worker.responds { worker.runClaimed(delivery) } else { worker.doorbell.ring() }
        }
        return try HTTPServer(handler: receiver, host: options.host, port: options.port, limits: options.limits, clock: options.clock)
    }

    /// Recovers the queues (reporting what was found), starts the schedulers and the server. When that
    /// fails (a journal that cannot be written during recovery), stops what started and releases every state lock
    /// before throwing: a serve that failed to start leaves nothing held.
    public func start(events: @Sendable (ServeEvent) -> Void = { _ in }, maxScheduledRuns: Int? = nil) async throws {
        do {
            try await recoverQueues(events: events)
            workers.values.forEach { $0.start() }
            listener?.start()
            schedulers.forEach { $0.start(maxRuns: maxScheduledRuns) }
            try server.start()
        } catch {
            await stop()
            throw error
        }
    }

    private func recoverQueues(events: @Sendable (ServeEvent) -> Void) async throws {
        for scenario in webhooks {
            guard let queue = queues[scenario.path] else { continue }
            let policy = scenario.plan.limits.webhook.inDoubt
            let recovered = queue.recovered
            events(.recovered(
                scenario: scenario.key, pending: recovered.pending.count, inDoubt: recovered.inDoubt.count,
                runAgain: recovered.runningAgain(under: policy).count
            ))
            try await queue.start(policy: policy)
        }
    }

    /// `http://host:port/hooks/<key>`
    /// The webhook URL, as a log may show it: a custom webhook's token is written `<token>`, never itself.
    public func url(of scenario: HostedScenario) -> String {
        server.baseURL + scenario.path + (scenario.isCustomWebhook ? "/<token>" : "")
    }

    /// The queue of an instant-trigger scenario (tests, `refinery webhook deliver`).
    public func queue(_ scenario: HostedScenario) -> WebhookQueue? {
        queues[scenario.path]
    }

    /// Waits until every scheduler reached its `maxScheduledRuns`.
    public func scheduledRunsFinished() async {
        for scheduler in schedulers { await scheduler.finished() }
    }

    /// Stops accepting (requests in progress are answered), lets scheduled runs in progress finish,
    /// processes every accepted delivery, then releases the state locks.
    public func stop() async {
        await server.stop()
        for scheduler in schedulers { await scheduler.stop() }
        for queue in queues.values { await queue.drain() }
        for worker in workers.values { await worker.stop() }
        await listener?.stop()
        states.forEach { $0.release() }
    }
}

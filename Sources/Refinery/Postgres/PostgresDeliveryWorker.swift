import Foundation
import RefineryHTTP
import Synchronization

/// This worker's share of one instant-trigger scenario's PostgreSQL queue: claim loops (one for a
/// sequential scenario, else `maxConcurrent`) that take deliveries any worker accepted, run each through
/// the engine, renew the claim while it runs and finish it. A delivery claimed before and never finished
/// (its worker died: the lease ran out) comes back with its attempt count and the scenario's in-doubt
/// policy decides, as after a crash with the file journal.
final class PostgresDeliveryWorker: Sendable {
    let queue: PostgresDeliveryQueue
    let answers = WebhookAnswers()
    private let executor: DeliveryExecutor
    private let policy: DeliveryProcessor.InDoubtPolicy
    private let sequential: Bool
    private let loops: Int
    private let worker: String
    let doorbell = Doorbell()
    private let stopping = Atomic<Bool>(false)
    private let task = TaskSlot()
    private let local = Mutex<[Task<Void, Never>]>([])
    /// How long an idle loop waits for a ring before it looks again (expired leases need no ring).
    static let pollSeconds = 1.0
    /// How often a worker prunes finished deliveries, in seconds: at start, then at most once a minute.
    static let pruneEvery = 60.0
    private let clock: any RunClock
    private let lastPrune = Mutex<Date?>(nil)

    /// `claimsOnAccept`: deliveries this worker accepts are inserted claimed by it, for it to run (by
    /// default when the scenario answers its sender, `gateway:WebhookRespond`).
    init(_ scenario: HostedScenario, store: PostgresStore, lease: Double = PostgresDeliveryQueue.defaultLease,
         keepFinished: Double = PostgresDeliveryQueue.defaultKeepFinished, state: any ServedState,
         environment: RuntimeEnvironment, options: RunOptions, claimsOnAccept: Bool? = nil,
         events: @escaping @Sendable (ServeEvent) -> Void) {
        let worker = store.worker
        self.queue = PostgresDeliveryQueue(
            scenario: scenario.key, store: store, lease: lease, keepFinished: keepFinished,
            claimsOnAccept: (claimsOnAccept ?? scenario.plan.responds) ? worker : nil
        )
        self.executor = DeliveryExecutor(
            plan: scenario.plan, state: state, environment: environment, options: options, events: events, answers: answers
        )
        self.policy = scenario.plan.limits.webhook.inDoubt
        self.sequential = scenario.plan.settings.sequential
        self.loops = sequential ? 1 : max(1, scenario.plan.limits.webhook.maxConcurrent)
        self.worker = worker
        self.clock = environment.clock
    }

    var responds: Bool { queue.claimsAccepted }

    func start() {
        let loops = loops
        task.set(Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<loops { group.addTask { await self.claimLoop() } }
            }
        })
    }

    /// A delivery this worker accepted already claimed (its sender waits for the scenario's answer).
    func runClaimed(_ delivery: Delivery) {
        let run = Task { await self.process(PostgresDeliveryQueue.Claim(delivery: delivery, attempts: 1)) }
        local.withLock { $0.append(run) }
    }

    /// Runs a delivery this worker accepted already claimed, and returns once it is finished.
    func run(_ delivery: Delivery) async {
        await process(PostgresDeliveryQueue.Claim(delivery: delivery, attempts: 1))
    }

    /// Stops claiming; returns once the executions in progress finished.
    func stop() async {
        stopping.store(true, ordering: .sequentiallyConsistent)
        doorbell.ring()
        await task.value()
        for run in local.withLock({ $0 }) { await run.value }
    }

    private func claimLoop() async {
        let (queue, worker, sequential) = (queue, worker, sequential)
        while !stopping.load(ordering: .sequentiallyConsistent) {
            await pruneWhenDue()
            let claim = try? await BlockingWork.run { try queue.claim(for: worker, sequential: sequential) }
            if let claim {
                await process(claim)
            } else {
                await doorbell.wait(seconds: Self.pollSeconds)
            }
        }
    }

    /// Prunes finished deliveries when a minute passed since this worker last did (one loop does it);
    /// returns how many it deleted, nil when it was not due or failed (it tries again a minute later).
    @discardableResult
    func pruneWhenDue() async -> Int? {
        let now = clock.now
        let due = lastPrune.withLock { last in
            guard last.map({ now.timeIntervalSince($0) >= Self.pruneEvery }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return nil }
        let queue = queue
        return try? await BlockingWork.run { try queue.prune() }
    }

    private func process(_ claim: PostgresDeliveryQueue.Claim) async {
        let delivery = claim.delivery
        let earlier = claim.attempts - 1
        if earlier > 0, !policy.runsAgain(afterAttempts: earlier) {
            await executor.storeInDoubt(delivery, reason: policy == .storeIncomplete ? .notRetried : .retriesExhausted(attempts: earlier))
            await finish(delivery.id, .incomplete)
            return
        }
        let heartbeat = renewing(delivery.id)
        let outcome = await executor.execute(delivery)
        heartbeat.cancel()
        await finish(delivery.id, outcome)
    }

    /// Renews the claim every third of the lease until cancelled.
    private func renewing(_ id: Int) -> Task<Void, Never> {
        let (queue, worker) = (queue, worker)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(queue.lease / 3 * 1_000_000_000))
                guard !Task.isCancelled else { return }
                _ = try? await BlockingWork.run { try queue.renew(id, worker: worker) }
            }
        }
    }

    /// A finish that cannot be written leaves the claim to expire: the delivery comes back in doubt.
    private func finish(_ id: Int, _ outcome: DeliveryProcessor.Outcome) async {
        let (queue, worker) = (queue, worker)
        _ = try? await BlockingWork.run { try queue.finish(id, worker: worker, outcome: outcome) }
    }
}

/// Runs a scenario once per accepted delivery, in order when sequential, otherwise with bounded
/// parallelism, marking each delivery started before and finished after its execution in the journal.
public actor DeliveryProcessor {
    public enum Mode: Sendable, Hashable {
        case sequential
        case parallel(maxConcurrent: Int)
    }

    /// What to do with deliveries whose execution was interrupted by a crash (started, never finished).
    public enum InDoubtPolicy: Sendable, Hashable {
        /// Run them again: at least once. Right when the scenario's effects are idempotent. A delivery cut
        /// short more than `maxRetries` times (one that takes the process down, say) is stored as incomplete.
        case runAgain(maxRetries: Int)
        /// Do not run them again; hand them to `storeIncomplete`: at most once, nothing silently lost.
        case storeIncomplete

        public static let defaultMaxRetries = 3

        /// Whether a delivery started `attempts` times, and cut short each time, runs once more.
        public func runsAgain(afterAttempts attempts: Int) -> Bool {
            guard case .runAgain(let maxRetries) = self else { return false }
            return attempts <= maxRetries
        }
    }

    /// Why an in-doubt delivery was stored as incomplete instead of run again.
    public enum InDoubtReason: Sendable, Hashable {
        /// The scenario's policy is `"incomplete"`.
        case notRetried
        /// It was started `attempts` times and cut short every time: more than `inDoubtRetries` allow.
        case retriesExhausted(attempts: Int)
    }

    /// How an execution ended, as recorded in the journal.
    public enum Outcome: String, Sendable {
        case success, incomplete, failed
    }

    public typealias Execute = @Sendable (Delivery) async -> Outcome

    private let journal: DeliveryJournal
    private let mode: Mode
    private let execute: Execute
    private let stream: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation

    public init(journal: DeliveryJournal, mode: Mode, execute: @escaping Execute) {
        self.journal = journal
        self.mode = mode
        self.execute = execute
        (stream, continuation) = AsyncStream.makeStream(of: Delivery.self)
    }

    /// Queues a delivery that is already in the journal. Safe to call from any thread.
    public nonisolated func enqueue(_ delivery: Delivery) {
        continuation.yield(delivery)
    }

    /// Queues what `open` recovered: pending deliveries, and in-doubt ones per `policy`.
    public func recover(
        _ recovered: DeliveryJournal.Recovered, policy: InDoubtPolicy,
        storeIncomplete: @Sendable (Delivery, InDoubtReason) async -> Void = { _, _ in }
    ) async throws {
        for delivery in recovered.inDoubt {
            let attempts = recovered.attempts(of: delivery.id)
            if policy.runsAgain(afterAttempts: attempts) {
                enqueue(delivery)
                continue
            }
            await storeIncomplete(delivery, policy == .storeIncomplete ? .notRetried : .retriesExhausted(attempts: attempts))
            try await journal.markFinished(delivery.id, outcome: Outcome.incomplete.rawValue)
        }
        recovered.pending.forEach(enqueue)
    }

    /// Stops taking new deliveries; `run` returns once those already queued are done.
    public nonisolated func finish() {
        continuation.finish()
    }

    /// Processes deliveries until `finish` is called and the queue is empty.
    public func run() async {
        switch mode {
        case .sequential:
            for await delivery in stream { await process(delivery) }
        case .parallel(let limit):
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await delivery in stream {
                    if running >= max(1, limit) {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.process(delivery) }
                    running += 1
                }
            }
        }
    }

    private func process(_ delivery: Delivery) async {
        do {
            try await journal.markStarted(delivery.id)
            let outcome = await execute(delivery)
            try await journal.markFinished(delivery.id, outcome: outcome.rawValue)
        } catch {
            // The journal could not be written: the delivery stays pending or in doubt for the next start.
        }
    }
}

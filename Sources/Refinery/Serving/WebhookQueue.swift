public import Foundation
import RefineryHTTP
public import RefineryJSON

/// One instant-trigger scenario's queue: its journal, the processor that runs the engine on it, and the
/// executor. `open` recovers what a previous process left; `start` begins processing.
public final class WebhookQueue: Sendable {
    public let journal: DeliveryJournal
    /// The answers of its executions, for senders that wait (`gateway:WebhookRespond`).
    let answers = WebhookAnswers()
    let processor: DeliveryProcessor
    let executor: DeliveryExecutor
    let recovered: DeliveryJournal.Recovered
    private let task = TaskSlot()

    /// The journal file of scenario `key` in `directory`.
    public static func journalURL(in directory: URL, key: String) -> URL {
        directory.appendingPathComponent("\(key).deliveries.journal")
    }

    init(_ scenario: HostedScenario, state: any ServedState, directory: URL, environment: RuntimeEnvironment,
         options: RunOptions, events: @escaping @Sendable (ServeEvent) -> Void, mode: DeliveryProcessor.Mode? = nil) throws {
        (journal, recovered) = try DeliveryJournal.open(at: Self.journalURL(in: directory, key: scenario.key))
        executor = DeliveryExecutor(
            plan: scenario.plan, state: state, environment: environment, options: options, events: events, answers: answers
        )
        let settings = scenario.plan.limits.webhook
        let configured: DeliveryProcessor.Mode = scenario.plan.settings.sequential ? .sequential : .parallel(maxConcurrent: settings.maxConcurrent)
        let executor = executor
        processor = DeliveryProcessor(journal: journal, mode: mode ?? configured) { await executor.execute($0) }
    }

    /// Queues what the journal held (in-doubt deliveries per `policy`), then processes in the background.
    func start(policy: DeliveryProcessor.InDoubtPolicy) async throws {
        let executor = executor
        try await processor.recover(recovered, policy: policy) { await executor.storeInDoubt($0, reason: $1) }
        let processor = processor
        task.set(Task { await processor.run() })
    }

    /// Appends a delivery durably and queues it (for `refinery webhook deliver`).
    public func accept(_ payload: JSONValue, receivedAt: Date) async throws -> Delivery {
        let delivery = try await journal.accept(payload, receivedAt: receivedAt)
        processor.enqueue(delivery)
        return delivery
    }

    func enqueue(_ delivery: Delivery) {
        processor.enqueue(delivery)
    }

    /// Takes no more deliveries and returns once every queued one was processed.
    func drain() async {
        processor.finish()
        await task.value()
        try? await journal.close()
    }
}

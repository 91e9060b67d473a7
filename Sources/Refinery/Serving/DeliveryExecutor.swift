import Foundation
import RefineryHTTP
import RefineryJSON

/// Runs one webhook delivery through the engine: one execution of the scenario whose instant trigger
/// outputs the payload (`RunOptions.deliveries`). Shared by `refinery serve` and `refinery webhook deliver`.
struct DeliveryExecutor: Sendable {
    let plan: ScenarioPlan
    let state: any ServedState
    let environment: RuntimeEnvironment
    let options: RunOptions
    let events: @Sendable (ServeEvent) -> Void
    /// Where `gateway:WebhookRespond` answers go, for the sender waiting on them.
    var answers: WebhookAnswers?

    /// The execution's outcome as the journal records it, once the state it wrote is on disk. A run whose
    /// state could not be saved counts as failed: it ran, and running it again could repeat its effects.
    func execute(_ delivery: Delivery) async -> DeliveryProcessor.Outcome {
        var options = options
        options.deliveries = [delivery.payload]
        options.journalDeliveryId = delivery.id
        if let answers {
            options.respond = { answers.resolve(delivery.id, .answered($0)) }
        }
        defer { answers?.resolve(delivery.id, .noAnswer) }
        let store = state.executionStore()
        let runner = ScenarioRunner(plan: plan, environment: environment.with(store: store), scenarioKey: state.key)
        do {
            let report = try await runner.run(options)
            try await store.waitUntilDurable()
            events(.delivered(scenario: state.key, delivery: delivery.id, report: report))
            return switch report.status {
            case .success: .success
            case .incomplete: .incomplete
            case .error: .failed
            }
        } catch {
            events(.failed(scenario: state.key, message: "delivery \(delivery.id): \(error)"))
            return .failed
        }
    }

    /// A delivery whose execution a crash cut short, kept as an incomplete execution: resuming it runs the
    /// flow again after the trigger, on the same payload (`refinery incomplete retry`).
    func storeInDoubt(_ delivery: Delivery, reason: DeliveryProcessor.InDoubtReason) async {
        guard let trigger = plan.flow.first else { return }
        let next = plan.flow.dropFirst().first ?? trigger
        let item = IncompleteExecution(
            id: "delivery-\(delivery.id)", createdAt: environment.clock.now, moduleId: next.id,
            scope: [String(trigger.id): delivery.payload], errorType: "InconsistencyError",
            message: ServeMessages.inDoubt(delivery.id, receivedAt: delivery.receivedAt, reason: reason)
        )
        do {
            // Killed after its state was saved and before the journal said so: what it stored stands.
            try await state.update { state in
                guard !state.incomplete.contains(where: { $0.isFrom(delivery: delivery.id) }) else { return }
                state.incomplete.append(item)
            }
            if case .retriesExhausted = reason { events(.failed(scenario: state.key, message: item.message)) }
        } catch {
            events(.failed(scenario: state.key, message: "delivery \(delivery.id): \(error)"))
        }
    }
}

import Foundation
import RefineryHTTP
import Synchronization

/// One delivery to make: the subscriber's URL and secret and the JSON body.
struct PlannedDelivery: Sendable {
    var record: DeliveryRecord
    var url: String
    var secret: String?
    var body: [UInt8]
}

/// POSTs webhook payloads through the injected transport, retrying a failed delivery (no answer, or
/// a status outside 2xx) up to `policy.maxAttempts` times with the policy's backoff on the clock.
/// The secret goes only into the `Authorization` header: never into a record or an error.
final class WebhookDispatcher: Sendable {
    let transport: (any HTTPTransport)?
    let clock: any RunClock
    let policy: SandboxWebhookPolicy
    private let activity = Mutex(Activity())

    struct Activity: ~Copyable {
        var inFlight = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    init(transport: (any HTTPTransport)?, clock: any RunClock, policy: SandboxWebhookPolicy) {
        self.transport = transport
        self.clock = clock
        self.policy = policy
    }

    /// Starts the delivery in the background; `update` gets the record after every attempt.
    func deliver(_ delivery: PlannedDelivery, update: @escaping @Sendable (DeliveryRecord) -> Void) {
        activity.withLock { $0.inFlight += 1 }
        Task {
            await run(delivery, update: update)
            finish()
        }
    }

    func run(_ delivery: PlannedDelivery, update: @Sendable (DeliveryRecord) -> Void) async {
        var record = delivery.record
        var headers: HTTPHeaders = ["Content-Type": "application/json", "User-Agent": "Refiner-Sandbox-Webhooks"]
        if let secret = delivery.secret { headers["Authorization"] = "Bearer \(secret)" }
        var request = HTTPRequest(method: .post, target: delivery.url, headers: headers, body: delivery.body)
        request.timeout = policy.attemptTimeoutSeconds
        for attempt in 1...policy.maxAttempts {
            record.attempts = attempt
            record.lastAttemptAt = clock.now
            do {
                guard let transport else { throw HTTPTransportError(.other, "no webhook transport is configured") }
                let response = try await transport.send(request)
                record.lastStatus = response.status
                record.delivered = response.isSuccess
                record.lastError = response.isSuccess ? nil : "status \(response.status)"
            } catch {
                record.lastError = Self.describe(error, hiding: delivery.secret)
            }
            update(record)
            if record.delivered || attempt == policy.maxAttempts { return }
            let wait = policy.backoffSeconds[min(attempt - 1, policy.backoffSeconds.count - 1)]
            guard (try? await clock.sleep(seconds: wait)) != nil else { return }
        }
    }

    /// The transport's message, with the secret cut out should a transport ever echo a header.
    static func describe(_ error: any Error, hiding secret: String?) -> String {
        let message = (error as? HTTPTransportError)?.message ?? "\(error)"
        guard let secret, !secret.isEmpty else { return message }
        return message.replacingOccurrences(of: secret, with: "<REDACTED>")
    }

    func finish() {
        let waiters = activity.withLock { activity -> [CheckedContinuation<Void, Never>] in
            activity.inFlight -= 1
            guard activity.inFlight == 0 else { return [] }
            defer { activity.waiters.removeAll() }
            return activity.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = activity.withLock { activity in
                if activity.inFlight == 0 { return true }
                activity.waiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}

import Foundation
public import RefineryHTTP
import Synchronization

/// What a `gateway:WebhookRespond` module answers the sender of the delivery its execution runs.
public struct WebhookAnswer: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The answers of one scenario's executions, by journal id, for the receiver waiting to answer each
/// sender. The receiver says it `expect`s an answer before the delivery is queued; an execution may then
/// answer before the receiver waits (the answer is kept), or never (its end resolves the wait with nil);
/// a wait that outlasts its timeout gets nil too. Answers nobody expects (a delivery recovered after a
/// restart) are dropped, so nothing is kept for a sender that is gone.
public final class WebhookAnswers: Sendable {
    /// How a wait ended.
    enum Outcome: Sendable, Hashable {
        case answered(WebhookAnswer)
        /// The execution ended without a `gateway:WebhookRespond` (a filter stopped the bundle, an error).
        case noAnswer
        case timedOut
    }

    private struct State {
        var expected: Set<Int> = []
        var waiting: [Int: CheckedContinuation<Outcome, Never>] = [:]
        var early: [Int: Outcome] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Called before delivery `id` is queued, by the receiver that will wait for its answer.
    func expect(_ id: Int) {
        state.withLock { _ = $0.expected.insert(id) }
    }

    /// How the wait for delivery `id`'s answer ended, within `seconds`.
    func wait(for id: Int, seconds: Double) async -> Outcome {
        await withCheckedContinuation { continuation in
            let early = state.withLock { state -> Outcome? in
                if let outcome = state.early.removeValue(forKey: id) { return outcome }
                state.waiting[id] = continuation
                return nil
            }
            if let early { return continuation.resume(returning: early) }
            DeadlineTimer.shared.schedule(after: seconds) { [weak self] in self?.resolve(id, .timedOut) }
        }
    }

    /// The first outcome of delivery `id` wins; later ones (a second respond module, the execution's end,
    /// a timer) are ignored.
    func resolve(_ id: Int, _ outcome: Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            guard state.expected.remove(id) != nil else { return nil }
            if let waiter = state.waiting.removeValue(forKey: id) { return waiter }
            state.early[id] = outcome
            return nil
        }
        waiter?.resume(returning: outcome)
    }
}

import Foundation
import RefineryJSON
import Synchronization

/// Sends requests through a live transport and keeps each interaction, redacted, in the order the
/// outcomes arrive, stamped with the clock's offset from the start.
final class InteractionRecorder: Sendable {
    private struct State {
        var interactions: [Interaction] = []
        var deliveries: [JSONValue] = []
        var log = RedactionLog()
    }

    let capture: InteractionCapture
    let clock: any RunClock
    let start: Date
    /// The run's random seed, kept in the cassette.
    let seed: UInt64
    /// Redactions already made upstream: when the live transport is a replay, its responses come
    /// redacted, and the cassette's list is carried over so that re-recording a replay is lossless.
    let inherited: [Redaction]
    private let state = Mutex(State())

    init(capture: InteractionCapture, clock: any RunClock, start: Date, seed: UInt64, live: (any HTTPTransport)? = nil) {
        self.capture = capture
        self.clock = clock
        self.start = CassetteTime.truncated(start)
        self.seed = seed
        self.inherited = (live as? ReplayTransport)?.cassette.redactions ?? []
    }

    /// Sends `request` through `live` and records the response, or the `HTTPTransportError` where no
    /// response came. Other errors (cancellation) are passed on unrecorded.
    func send(_ request: HTTPRequest, through live: any HTTPTransport) async throws -> HTTPResponse {
        do {
            let response = try await live.send(request)
            record(request, .response(response))
            return response
        } catch let failure as HTTPTransportError {
            record(request, .failure(failure))
            throw failure
        }
    }

    private enum LiveOutcome {
        case response(HTTPResponse)
        case failure(HTTPTransportError)
    }

    private func record(_ request: HTTPRequest, _ outcome: LiveOutcome) {
        let offset = CassetteTime.offset(of: clock.now, from: start)
        var log = RedactionLog()
        let recordedRequest = capture.request(request, log: &log)
        let recordedOutcome: Interaction.Outcome = switch outcome {
        case .response(let response): .response(capture.response(response, log: &log))
        case .failure(let failure): .failure(capture.redactor.redact(failure, log: &log))
        }
        let interaction = Interaction(request: recordedRequest, outcome: recordedOutcome, offset: offset)
        state.withLock { state in
            state.interactions.append(interaction)
            state.log.merge(log.redactions)
        }
    }

    /// A webhook payload the run received, redacted like a response body (secrets in every form).
    func recordDelivery(_ payload: JSONValue) {
        var log = RedactionLog()
        let redacted = capture.redactor.redactSecrets(in: payload, place: "deliveries", log: &log)
        state.withLock { state in
            state.deliveries.append(redacted)
            state.log.merge(log.redactions)
        }
    }

    /// Everything recorded so far, after `base`'s interactions when given (new episodes are appended).
    func cassette(appendingTo base: Cassette? = nil) -> Cassette {
        state.withLock { state in
            var log = RedactionLog()
            log.merge(base?.redactions ?? [])
            log.merge(inherited)
            log.merge(state.log.redactions)
            let interactions = (base?.interactions ?? []) + state.interactions
            return Cassette(
                start: base?.start ?? start, interactions: interactions, redactions: log.redactions, seed: base?.seed ?? seed,
                deliveries: (base?.deliveries ?? []) + state.deliveries
            )
        }
    }

    var recordedCount: Int { state.withLock { $0.interactions.count } }
}

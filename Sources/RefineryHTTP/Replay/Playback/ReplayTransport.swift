import Foundation
import Synchronization

/// Serves responses from a cassette: no network, no real waiting.
///
/// A request is answered by the first recorded interaction, in recorded order, that matches it and has
/// not been used yet (`RequestMatcher`), so repeated identical requests replay in the order recorded.
/// Before answering, the virtual clock is moved forward to the interaction's recorded time, so `now`,
/// `Retry-After` waits and backoff see the times of the recording. An unknown request throws a
/// `ReplayMismatch` with a diff against the closest interaction, unless new episodes are being
/// recorded, in which case it goes through the live transport and is appended.
public final class ReplayTransport: HTTPTransport {
    public let cassette: Cassette
    public let clock: VirtualRunClock
    let capture: InteractionCapture
    let episodes: (live: any HTTPTransport, recorder: InteractionRecorder)?
    private let byRoute: [String: [Int]]
    /// Interactions recorded with a redacted path, in order.
    private let redactedPaths: [Int]
    private let used: Mutex<[Bool]>

    /// - Parameters:
    ///   - clock: the run's clock; it should start at `cassette.start` (`VirtualRunClock(now: cassette.start)`).
    ///   - redactor: only used to keep secrets out of mismatch messages; the default has no secrets.
    public convenience init(cassette: Cassette, clock: VirtualRunClock, redactor: Redactor = .standard) {
        self.init(cassette: cassette, clock: clock, capture: InteractionCapture(redactor: redactor, options: .init()), episodes: nil)
    }

    init(
        cassette: Cassette,
        clock: VirtualRunClock,
        capture: InteractionCapture,
        episodes: (live: any HTTPTransport, recorder: InteractionRecorder)?
    ) {
        self.cassette = cassette
        self.clock = clock
        self.capture = capture
        self.episodes = episodes
        var byRoute: [String: [Int]] = [:]
        var anyPath: [Int] = []
        for (index, interaction) in cassette.interactions.enumerated() {
            let path = interaction.request.path
            // A redacted path (a secret webhook URL) can match many paths: it is a candidate for every route.
            if path.contains(Redactor.marker) { anyPath.append(index) } else {
                byRoute[Self.route(interaction.request.method, path), default: []].append(index)
            }
        }
        self.redactedPaths = anyPath
        self.byRoute = byRoute
        self.used = Mutex(Array(repeating: false, count: cassette.interactions.count))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        var scratch = RedactionLog()
        let sent = capture.request(request, log: &scratch)
        let candidates = candidates(for: sent).filter {
            RequestMatcher.matches(recorded: cassette.interactions[$0].request, sent: sent)
        }
        let chosen = used.withLock { used -> Int? in
            guard let index = candidates.first(where: { !used[$0] }) else { return nil }
            used[index] = true
            return index
        }
        if let chosen { return try serve(cassette.interactions[chosen]) }
        if let episodes { return try await episodes.recorder.send(request, through: episodes.live) }
        throw mismatch(sent, matchingCount: candidates.count)
    }

    /// The interactions recorded on the sent request's route, and those with a redacted path, in recorded order.
    private func candidates(for sent: RecordedRequest) -> [Int] {
        let onRoute = byRoute[Self.route(sent.method, sent.path)] ?? []
        guard !redactedPaths.isEmpty else { return onRoute }
        return (onRoute + redactedPaths.filter { cassette.interactions[$0].request.method == sent.method }).sorted()
    }

    /// Interactions no request has used so far, in recorded order (for `refinery test` to warn about).
    public func unusedInteractions() -> [UnusedInteraction] {
        let used = used.withLock { $0 }
        return cassette.interactions.indices.filter { !used[$0] }.map {
            UnusedInteraction(index: $0, request: cassette.interactions[$0].request.summary)
        }
    }

    private func serve(_ interaction: Interaction) throws -> HTTPResponse {
        let due = cassette.start.addingTimeInterval(interaction.offset).timeIntervalSince(clock.now)
        if due > 0 { clock.advance(seconds: due) }
        switch interaction.outcome {
        case .response(let response): return response.httpResponse
        case .failure(let failure): throw failure
        }
    }

    private func mismatch(_ sent: RecordedRequest, matchingCount: Int) -> ReplayMismatch {
        guard matchingCount == 0 else {
            let message = CassetteMessages.exhausted(sent.summary, count: matchingCount)
            return ReplayMismatch(kind: .exhausted, request: sent.summary, closest: nil, differences: [], message: message)
        }
        let closest = ClosestInteraction.find(for: sent, in: cassette.interactions, used: used.withLock { $0 })
        let lines = closest.map { ClosestInteraction.lines($0.differences) } ?? []
        let message = CassetteMessages.unmatched(
            sent.summary,
            closest: closest.map { ($0.index, cassette.interactions[$0.index].request.summary) },
            lines: lines
        )
        return ReplayMismatch(
            kind: .unmatched, request: sent.summary, closest: closest?.index, differences: closest?.differences ?? [], message: message
        )
    }

    static func route(_ method: HTTPMethod, _ path: String) -> String {
        method.rawValue + " " + path
    }
}

/// A recorded interaction that no request used.
public struct UnusedInteraction: Sendable, Hashable {
    /// 0-based position in the cassette.
    public var index: Int
    /// `GET /v1/contacts?page=2`.
    public var request: String
}

public import Foundation
public import RefineryJSON

/// Record or replay for one run: what `--record FILE` and `--replay FILE --mode M` set up. The caller
/// runs with `transport` and `clock`, then calls `finish()` (also after a failed run: a recording of a
/// failure replays the failure).
///
/// | mode | cassette exists | transport | clock |
/// |---|---|---|---|
/// | `none` | yes (else `cassette.not-found`) | replay only | virtual, from the cassette's start |
/// | `once` | yes | replay only | virtual |
/// | `once` | no | records through `live` | `liveClock` |
/// | `new_episodes` | yes | replay, unknown requests through `live`, appended | virtual |
/// | `new_episodes` | no | records through `live` | `liveClock` |
/// | `all` | either | records through `live`, replacing the file | `liveClock` |
///
/// `new_episodes` runs on virtual time, so a live request that is rate limited is retried without a
/// real wait; record rate-limited traffic with `all`.
public final class CassetteSession: Sendable {
    enum Backend: Sendable {
        case replay(ReplayTransport, episodes: InteractionRecorder?)
        case record(InteractionRecorder)
    }

    public let file: URL
    public let mode: ReplayMode
    /// The transport the run must use.
    public let transport: any HTTPTransport
    /// The clock the run must use (for `now`, `Retry-After` and backoff).
    public let clock: any RunClock
    /// The random seed the run must use: a fresh one kept in the cassette when recording, the
    /// cassette's when replaying (0 for a cassette that has none).
    public let randomSeed: UInt64
    let backend: Backend
    let redactor: Redactor

    private init(
        file: URL, mode: ReplayMode, transport: any HTTPTransport, clock: any RunClock, randomSeed: UInt64, backend: Backend, redactor: Redactor
    ) {
        self.file = file
        self.mode = mode
        self.transport = transport
        self.clock = clock
        self.randomSeed = randomSeed
        self.backend = backend
        self.redactor = redactor
    }

    /// True when responses come from the cassette (and the clock is virtual).
    public var isReplaying: Bool {
        if case .replay = backend { return true }
        return false
    }

    /// `--record FILE`: records every interaction through `live` (the same as `--replay FILE --mode all`).
    public static func record(
        to file: URL,
        live: any HTTPTransport,
        clock: any RunClock,
        redactor: Redactor,
        options: RecordingOptions = .init()
    ) -> CassetteSession {
        let capture = InteractionCapture(redactor: redactor, options: options)
        // Re-recording a replay keeps its seed, as it keeps its redactions: the same run gives the same bytes.
        let seed = (live as? ReplayTransport).map { $0.cassette.seed ?? 0 } ?? RandomSeed.fresh()
        let recorder = InteractionRecorder(capture: capture, clock: clock, start: clock.now, seed: seed, live: live)
        let transport = RecorderTransport(recorder: recorder, live: live)
        return CassetteSession(
            file: file, mode: .all, transport: transport, clock: clock, randomSeed: seed, backend: .record(recorder), redactor: redactor
        )
    }

    /// `--replay FILE --mode M`. `live` and `liveClock` are used only by modes that record; `none`
    /// never touches them (pass nil in CI).
    public static func replay(
        from file: URL,
        mode: ReplayMode = .none,
        live: (any HTTPTransport)? = nil,
        liveClock: any RunClock = SystemRunClock(),
        redactor: Redactor = .standard,
        options: RecordingOptions = .init()
    ) throws(CassetteError) -> CassetteSession {
        let exists = FileManager.default.fileExists(atPath: file.path)
        if mode == .all || (!exists && mode != .none) {
            guard let live else { throw CassetteError(.noLiveTransport, CassetteMessages.noLiveTransport(mode)) }
            let session = record(to: file, live: live, clock: liveClock, redactor: redactor, options: options)
            return CassetteSession(
                file: file, mode: mode, transport: session.transport, clock: liveClock, randomSeed: session.randomSeed,
                backend: session.backend, redactor: redactor
            )
        }
        let cassette = try CassetteFile.read(file)
        let clock = VirtualRunClock(now: cassette.start)
        let seed = cassette.seed ?? 0
        let capture = InteractionCapture(redactor: redactor, options: options)
        var episodes: (live: any HTTPTransport, recorder: InteractionRecorder)?
        if mode == .newEpisodes {
            guard let live else { throw CassetteError(.noLiveTransport, CassetteMessages.noLiveTransport(mode)) }
            episodes = (live, InteractionRecorder(capture: capture, clock: clock, start: cassette.start, seed: seed))
        }
        let replay = ReplayTransport(cassette: cassette, clock: clock, capture: capture, episodes: episodes)
        let backend = Backend.replay(replay, episodes: episodes?.recorder)
        return CassetteSession(file: file, mode: mode, transport: replay, clock: clock, randomSeed: seed, backend: backend, redactor: redactor)
    }

    /// Instant-trigger scenarios: the webhook payloads to run, in order: the cassette's when replaying,
    /// none when recording (the run records its own with `recordDelivery`).
    public var deliveries: [JSONValue] {
        if case .replay(let replay, _) = backend { return replay.cassette.deliveries }
        return []
    }

    /// Keeps a webhook payload the recorded run received, so its replay receives it too. Ignored when
    /// replaying.
    public func recordDelivery(_ payload: JSONValue) {
        if case .record(let recorder) = backend { recorder.recordDelivery(payload) }
    }

    /// Ends the session: writes the cassette when anything was recorded (atomically, after the secret
    /// check), and reports what the cassette had that the run never asked for.
    @discardableResult
    public func finish() throws(CassetteError) -> CassetteSummary {
        switch backend {
        case .record(let recorder):
            try CassetteFile.write(recorder.cassette(), to: file, secrets: redactor.secrets)
            return CassetteSummary(file: file, wrote: true, recorded: recorder.recordedCount, unused: [])
        case .replay(let replay, let episodes):
            let unused = replay.unusedInteractions()
            guard let episodes, episodes.recordedCount > 0 else {
                return CassetteSummary(file: file, wrote: false, recorded: 0, unused: unused)
            }
            try CassetteFile.write(episodes.cassette(appendingTo: replay.cassette), to: file, secrets: redactor.secrets)
            return CassetteSummary(file: file, wrote: true, recorded: episodes.recordedCount, unused: unused)
        }
    }
}

/// What a session did with its cassette.
public struct CassetteSummary: Sendable, Hashable {
    public var file: URL
    /// Whether the cassette file was (re)written.
    public var wrote: Bool
    /// Interactions recorded through the live transport in this session.
    public var recorded: Int
    /// Recorded interactions the run never used (only when replaying).
    public var unused: [UnusedInteraction]
}

/// The transport of a recording session: the recorder in front of the live transport.
struct RecorderTransport: HTTPTransport {
    let recorder: InteractionRecorder
    let live: any HTTPTransport

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await recorder.send(request, through: live)
    }
}

public import Foundation

/// A transport that wraps another one and records every interaction, redacted, for a cassette.
///
/// ```swift
/// let recorder = RecordingTransport(wrapping: live, redactor: redactor, clock: clock)
/// // ... run with `recorder` as the transport ...
/// try recorder.write(to: cassetteURL)   // atomic; fails with cassette.secret-found if a secret leaked
/// ```
public final class RecordingTransport: HTTPTransport {
    public let live: any HTTPTransport
    public let redactor: Redactor
    let recorder: InteractionRecorder

    /// - Parameters:
    ///   - clock: the run's clock; offsets are measured from its reading now (the cassette's `start`).
    ///   - options: which headers to keep, origins to rewrite.
    ///   - seed: the run's random seed, kept in the cassette.
    public init(
        wrapping live: any HTTPTransport, redactor: Redactor, clock: any RunClock, options: RecordingOptions = .init(),
        seed: UInt64 = RandomSeed.fresh()
    ) {
        self.live = live
        self.redactor = redactor
        let capture = InteractionCapture(redactor: redactor, options: options)
        self.recorder = InteractionRecorder(capture: capture, clock: clock, start: clock.now, seed: seed, live: live)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await recorder.send(request, through: live)
    }

    /// The cassette recorded so far.
    public func cassette() -> Cassette {
        recorder.cassette()
    }

    /// Writes the cassette atomically, after checking its bytes for every secret's value.
    public func write(to file: URL) throws(CassetteError) {
        try CassetteFile.write(cassette(), to: file, secrets: redactor.secrets)
    }
}

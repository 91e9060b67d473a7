package import Foundation

/// What a connection's deadlines say at one moment.
package enum DeadlineVerdict: Sendable, Hashable {
    case inTime
    /// Idle too long between requests: closed without an answer.
    case closeQuietly
    /// A request too slow to arrive: answered 408 with this message, then closed.
    case requestTimeout(String)
}

extension HTTPServerLimits {
    /// The deadline a connection in `phase` since `phaseStarted`, reading a request whose first byte came
    /// at `requestStarted`, has passed at `now`, if any. Pure: `HTTPConnection` asks it between reads.
    package func verdict(phase: ConnectionPhase, phaseStarted: Date, requestStarted: Date?, now: Date) -> DeadlineVerdict {
        let inPhase = now.timeIntervalSince(phaseStarted)
        switch phase {
        case .connected, .idle:
            return inPhase > idleTimeout ? .closeQuietly : .inTime
        case .readingHead where inPhase > headerTimeout:
            return .requestTimeout("the request line and headers did not arrive within \(headerTimeout) seconds")
        case .readingBody where inPhase > bodyTimeout:
            return .requestTimeout("the body did not arrive within \(bodyTimeout) seconds of the headers")
        case .readingHead, .readingBody:
            guard let requestStarted, now.timeIntervalSince(requestStarted) > readTimeout else { return .inTime }
            return .requestTimeout("the request did not arrive within \(readTimeout) seconds")
        case .handling:
            return .inTime
        }
    }
}

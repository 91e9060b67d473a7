package import RefineryHTTP
import Synchronization

/// An API that accepts and never answers, on a virtual clock: each request waits as long as it is
/// allowed (its own timeout, else the 40 s a real transport would wait) and fails as timed out.
package final class HungTransport: HTTPTransport {
    package let clock: VirtualRunClock
    private let timeouts = Mutex<[Double?]>([])

    package init(clock: VirtualRunClock) {
        self.clock = clock
    }

    /// The timeout each request was sent with, in order.
    package var sentTimeouts: [Double?] { timeouts.withLock { $0 } }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        timeouts.withLock { $0.append(request.timeout) }
        let waited = min(request.timeout ?? 40, 40)
        clock.advance(seconds: waited)
        throw HTTPTransportError(.timedOut, "no complete response within \(Int(waited)) s")
    }
}

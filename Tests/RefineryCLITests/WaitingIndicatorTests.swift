import Foundation
@testable import RefineryCLI
import RefineryHTTP
import Synchronization
import Testing

/// A request that waits long shows itself on a terminal: method, host and path (never the query), and
/// how long; the line goes when the answer comes.
@Suite struct WaitingIndicatorTests {
    final class ManualTime: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 0))
        func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Answers once `release()` is called.
    final class GatedTransport: HTTPTransport {
        private let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let entered = Mutex(false)

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            await withCheckedContinuation { continuation in
                gate.withLock { $0 = continuation }
                entered.withLock { $0 = true }
            }
            return HTTPResponse(status: 200, headers: [:], body: [])
        }

        func release() { gate.withLock { $0?.resume(); $0 = nil } }
    }

    @Test func aLongWaitIsShownAndClearedWhenTheAnswerComes() async throws {
        let time = ManualTime()
        let captured = CapturedConsole()
        let indicator = WaitingIndicator(console: captured.console(stderrIsTerminal: true), now: { time.now.withLock { $0 } })
        let gated = GatedTransport()
        let transport = indicator.watching(gated)
        let call = Task { try await transport.send(HTTPRequest(method: .get, target: "https://api.refiner.io/v1/responses?api_key=secret")) }
        while !gated.entered.withLock({ $0 }) { await Task.yield() }
        indicator.redraw()
        #expect(captured.stderr.isEmpty, "a short wait shows nothing")
        time.advance(12)
        indicator.redraw()
        #expect(captured.stderr.hasSuffix("waiting 12 s for an answer to GET api.refiner.io/v1/responses"))
        #expect(!captured.stderr.contains("secret"))
        gated.release()
        _ = try await call.value
        indicator.redraw()
        #expect(captured.stderr.hasSuffix("\r\u{1B}[K"))
        #expect(indicator.line(at: time.now.withLock { $0 }) == nil)
    }

    @Test func noIndicatorOffATerminal() {
        let context = CommandContext(console: CapturedConsole().console(), environment: [:], workingDirectory: "/")
        #expect(WaitingIndicator.onTerminal(context) == nil)
    }
}

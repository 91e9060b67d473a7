import Foundation
@testable import RefineryHTTP
import RefineryTesting
import Synchronization
import Testing

@Suite struct CallDeadlineTests {
    let clock = VirtualRunClock()
    var start: Date { Date(timeIntervalSince1970: 1_767_225_600) }

    func get() -> HTTPRequest { HTTPRequest(method: .get, target: "https://api.example.com/v1/responses?api_key=k") }

    /// Without a deadline a hung API holds the call for four attempts of 40 s and their waits.
    @Test func withoutADeadlineEveryAttemptWaitsItsFullTimeout() async throws {
        let hung = HungTransport(clock: clock)
        await #expect(throws: HTTPTransportError.self) {
            try await Retrier(clock: clock, random: { 0 }).send(get(), through: hung)
        }
        #expect(hung.sentTimeouts.count == 4)
        #expect(clock.now.timeIntervalSince(start) == 163.5)
    }

    /// With a deadline the call ends when it passes: the last attempt gets only what is left.
    @Test func theDeadlineBoundsAttemptsAndWaitsTogether() async throws {
        let hung = HungTransport(clock: clock)
        let deadline = CallDeadline(seconds: 100)
        let error = try await #require(throws: DeadlineExceeded.self) {
            try await Retrier(clock: clock, random: { 0 }).send(get(), through: hung, deadline: deadline)
        }
        #expect(clock.now.timeIntervalSince(start) == 100)
        #expect(hung.sentTimeouts == [100, 59.5, 18.5])
        #expect(error.attempts == 3)
        #expect(error.description == "GET https://api.example.com/v1/responses: no usable answer within the call's deadline of 100 s (3 attempts, the last: no complete response within 18 s)")
        #expect(deadline.isPassed)
    }

    /// A retry whose wait would outlast the deadline is not waited for.
    @Test func aRetryAfterBeyondTheDeadlineFailsAtOnce() async throws {
        let stub = StubTransport(statuses: [503], headers: ["Retry-After": "30"])
        let error = try await #require(throws: DeadlineExceeded.self) {
            try await Retrier(clock: clock).send(get(), through: stub, deadline: CallDeadline(seconds: 20))
        }
        #expect(clock.sleeps.isEmpty)
        #expect(error.lastFailure == "HTTP 503")
    }

    /// Each page of a call spends from the same deadline; an answer in time is returned as it is.
    @Test func pagesShareOneDeadline() async throws {
        let deadline = CallDeadline(seconds: 50)
        let slow = VirtualLatencyTransport(clock: clock, seconds: 20)
        let retrier = Retrier(clock: clock)
        _ = try await retrier.send(get(), through: slow, deadline: deadline)
        _ = try await retrier.send(get(), through: slow, deadline: deadline)
        #expect(deadline.remaining == 10)
        await #expect(throws: DeadlineExceeded.self) {
            try await retrier.send(get(), through: HungTransport(clock: clock), deadline: deadline)
        }
    }
}

/// Answers 200 after `seconds` on the virtual clock.
struct VirtualLatencyTransport: HTTPTransport {
    let clock: VirtualRunClock
    let seconds: Double

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        clock.advance(seconds: seconds)
        return HTTPResponse(status: 200, headers: [:], body: [])
    }
}

/// The transport's deadline timer: a due action runs, a cancelled one never does, in due order.
@Suite struct DeadlineTimerTests {
    @Test func dueActionsRunInOrderAndCancelledOnesNever() async {
        let fired = Mutex<[Int]>([])
        let cancelled = DeadlineTimer.shared.schedule(after: 0.01) { fired.withLock { $0.append(0) } }
        DeadlineTimer.shared.cancel(cancelled)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DeadlineTimer.shared.schedule(after: 0.04) {
                fired.withLock { $0.append(2) }
                done.resume()
            }
            DeadlineTimer.shared.schedule(after: 0.02) { fired.withLock { $0.append(1) } }
        }
        #expect(fired.withLock { $0 } == [1, 2])
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing
@testable import Refinery

/// A run reports progress while a cycle runs, not only after it: `cycleProgressed` every 100
/// operations or every 0.25 s on the run clock, whichever comes first.
@Suite struct ProgressEventTests {
    /// A feeder of `count` items, each into an action: `1 + count` operations in one cycle.
    static func flow(count: Int, module: String = "test:record") -> String {
        """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [\((1...count).map(String.init).joined(separator: ", "))]}},
         {"id": 2, "module": "\(module)", "mapper": {"n": "{{1.value}}"}}]
        """
    }

    static func events(flow: String, extra: [String: any ScenarioModule], clock: VirtualRunClock = VirtualRunClock()) async throws -> [RunEvent] {
        var harness = RunHarness(extra: extra)
        harness.clock = clock
        let heard = Collector<RunEvent>()
        var environment = RuntimeEnvironment.testing(clock: clock, store: harness.store)
        environment.events = { heard.append($0) }
        let report = try await ScenarioRunner(plan: harness.plan(flow: flow), environment: environment, scenarioKey: "test").run()
        #expect(report.status == .success)
        return heard.values
    }

    @Test func everyHundredOperationsWithinTheCycleBeforeItFinishes() async throws {
        let events = try await Self.events(flow: Self.flow(count: 250), extra: ["test:record": FakeModule.action()])
        #expect(events == [
            .cycleProgressed(RunProgress(cycles: 1, operations: 100)),
            .cycleProgressed(RunProgress(cycles: 1, operations: 200)),
            .cycleFinished(RunProgress(cycles: 1, operations: 251)),
        ])
    }

    /// Slow operations (0.3 s each on the virtual clock) are reported one by one.
    @Test func everyQuarterSecondOnTheRunClockWhenOperationsAreSlow() async throws {
        let clock = VirtualRunClock()
        let slow = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            clock.advance(seconds: 0.3)
            return [ModuleOutput(.object(call.input))]
        }
        let events = try await Self.events(flow: Self.flow(count: 3, module: "test:slow"), extra: ["test:slow": slow], clock: clock)
        // The feeder's operation is counted at 0 s; each slow call is counted before it runs, 0.3 s after the one before.
        #expect(events == [
            .cycleProgressed(RunProgress(cycles: 1, operations: 3)),
            .cycleProgressed(RunProgress(cycles: 1, operations: 4)),
            .cycleFinished(RunProgress(cycles: 1, operations: 4)),
        ])
    }
}

@Suite struct ProgressThrottleTests {
    static let start = Date(timeIntervalSince1970: 0)

    @Test(arguments: [
        // (operations, seconds after start, reported)
        (99, 0.0, false), (100, 0.0, true), (1, 0.25, true), (1, 0.24, false), (0, 10.0, false),
    ])
    func reportsAfterEnoughOperationsOrTime(operations: Int, seconds: Double, reported: Bool) {
        var throttle = ProgressThrottle(start: Self.start)
        let shown = throttle.shouldReport(operations: operations, at: Self.start.addingTimeInterval(seconds))
        #expect(shown == reported)
    }

    @Test func countsFromTheLastReport() {
        var throttle = ProgressThrottle(start: Self.start)
        let steps: [(operations: Int, seconds: Double)] = [(100, 0), (199, 0.2), (200, 0.2), (200, 5), (201, 0.45)]
        let shown = steps.map { throttle.shouldReport(operations: $0.operations, at: Self.start.addingTimeInterval($0.seconds)) }
        #expect(shown == [true, false, true, false, true], "nothing new since the last report is never shown")
    }
}

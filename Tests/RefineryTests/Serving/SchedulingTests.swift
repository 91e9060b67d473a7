import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting
import Testing

@Suite struct SchedulingTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    struct Case: Sendable, CustomStringConvertible {
        let scheduling: Scheduling
        let after: String
        let next: String?
        var description: String { "\(scheduling.type) after \(after)" }
    }

    static let cases: [Case] = [
        Case(scheduling: Scheduling(type: "indefinitely", interval: 900), after: "2026-03-02T10:00:00Z", next: "2026-03-02T10:15:00Z"),
        Case(scheduling: Scheduling(type: "daily", time: "09:30"), after: "2026-03-02T08:00:00Z", next: "2026-03-02T09:30:00Z"),
        Case(scheduling: Scheduling(type: "daily", time: "09:30"), after: "2026-03-02T09:30:00Z", next: "2026-03-03T09:30:00Z"),
        // 09:30 in Berlin is 08:30 UTC in winter and 07:30 UTC in summer (DST starts 2026-03-29).
        Case(scheduling: Scheduling(type: "daily", time: "09:30", timeZone: "Europe/Berlin"), after: "2026-03-02T08:00:00Z", next: "2026-03-02T08:30:00Z"),
        Case(scheduling: Scheduling(type: "daily", time: "09:30", timeZone: "Europe/Berlin"), after: "2026-03-29T06:00:00Z", next: "2026-03-29T07:30:00Z"),
        // 2026-03-02 is a Monday; weekly on Wednesday (3) and Sunday (0).
        Case(scheduling: Scheduling(type: "weekly", time: "07:00", days: [3, 0]), after: "2026-03-02T12:00:00Z", next: "2026-03-04T07:00:00Z"),
        Case(scheduling: Scheduling(type: "weekly", time: "07:00", days: [3, 0]), after: "2026-03-04T07:00:00Z", next: "2026-03-08T07:00:00Z"),
        Case(scheduling: Scheduling(type: "on-demand"), after: "2026-03-02T12:00:00Z", next: nil),
        Case(scheduling: Scheduling(type: "weekly", time: "07:00"), after: "2026-03-02T12:00:00Z", next: nil),
    ]

    @Test(arguments: cases)
    func nextRun(_ example: Case) {
        #expect(example.scheduling.nextRun(after: Self.date(example.after)) == example.next.map(Self.date))
    }

    @Test func anIntervalRunsAtOnceThenEveryInterval() {
        let start = Self.date("2026-03-02T10:00:00Z")
        #expect(Scheduling(type: "indefinitely", interval: 60).firstRun(from: start) == start)
        #expect(Scheduling(type: "daily", time: "11:00").firstRun(from: start) == Self.date("2026-03-02T11:00:00Z"))
    }

    @Test func anIntervalThatIsNotAnIntegerIsATypeError() {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: #"[{"id": 1, "module": "refiner:watchResponses"}]"#)
            .replacingOccurrences(of: #""metadata": {}"#, with: #""metadata": {}, "scheduling": {"type": "indefinitely", "interval": 1e300}"#))
        #expect(problems.map(\.code) == ["scenario.invalid-type"])
    }

    @Test(arguments: [
        (#"{"type": "daily", "time": "9:30"}"#, "'time' must be HH:MM (24-hour), found '9:30'"),
        (#"{"type": "weekly", "time": "09:30", "days": [7]}"#, "'days' holds weekdays from 0 (Sunday) to 6 (Saturday)"),
        (#"{"type": "daily", "time": "09:30", "timezone": "Mars/Olympus"}"#, "unknown time zone 'Mars/Olympus' (use an IANA name such as 'Europe/Berlin')"),
        // A sleep of 10^12 s converted to UInt64 nanoseconds trapped the scheduler.
        (#"{"type": "indefinitely", "interval": 1000000000000}"#, "'interval' must be between 1 and 31622400, found 1000000000000"),
        (#"{"type": "indefinitely", "interval": 0}"#, "'interval' must be between 1 and 31622400, found 0"),
    ])
    func badSchedulesAreReported(scheduling: String, message: String) {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: #"[{"id": 1, "module": "refiner:watchResponses"}]"#)
            .replacingOccurrences(of: #""metadata": {}"#, with: #""metadata": {}, "scheduling": \#(scheduling)"#))
        #expect(problems.map(\.message) == [message])
        #expect(problems.first?.code == "scenario.invalid-setting")
    }

    @Test func webhookSettingsAreReadAndCheckedInMetadataRefinery() throws {
        let flow = #"[{"id": 1, "module": "refiner:watchResponses"}]"#
        let good = try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: """
        {"refinery": {"webhook": {"tokenVariable": "NPS_TOKEN", "maxConcurrent": 2, "queueCapacity": 50, "inDoubt": "retry"}}}
        """))
        #expect(good.limits.webhook.tokenVariable == "NPS_TOKEN")
        #expect(good.limits.webhook.maxConcurrent == 2 && good.limits.webhook.queueCapacity == 50)
        #expect(good.limits.webhook.inDoubt == .runAgain(maxRetries: 3))
        let bounded = try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: """
        {"refinery": {"webhook": {"inDoubt": "retry", "inDoubtRetries": 0}}}
        """))
        #expect(bounded.limits.webhook.inDoubt == .runAgain(maxRetries: 0))
        let bad = EngineFixtures.problems(EngineFixtures.blueprint(flow: flow, metadata: """
        {"refinery": {"webhook": {"tokenVariable": "1-bad", "inDoubt": "never", "inDoubtRetries": 1000, "token": "x"}}}
        """))
        #expect(bad.map(\.code) == ["scenario.invalid-setting", "scenario.invalid-setting", "scenario.invalid-setting", "scenario.unknown-setting"])
    }

    /// The scheduler runs the polling scenario at start and every interval after, on a virtual clock.
    @Test func aScheduledScenarioRunsOnItsIntervalOneRunAtATime() async throws {
        let clock = VirtualRunClock()
        let start = clock.now
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(rateLimits: .unlimited, clock: clock))
        let catalog = try ServingFixtures.catalog()
        let blueprint = ServingFixtures.pollingBlueprint(scheduling: #"{"type": "indefinitely", "interval": 900}"#)
        let plan = try ServingFixtures.plan(blueprint, file: "poll.json", catalog: catalog)
        let directory = ServingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = ScenarioHost.Options(stateDirectory: directory, environment: try ServingFixtures.environment(sandbox, clock: clock))
        let runs = Collector<Date>()
        let host = try ScenarioHost([HostedScenario(plan: plan)], options: options) { event in
            if case .scheduledRun(_, let report) = event, report.status == .success { runs.append(clock.now) }
        }
        #expect(host.scheduled.count == 1 && host.webhooks.isEmpty)
        try await host.start(maxScheduledRuns: 3)
        await host.scheduledRunsFinished()
        await host.stop()
        #expect(runs.values.map { $0.timeIntervalSince(start) } == [0, 900, 1800])
        let state = try FileStateStore(directory: directory, now: { Date() }).read("poll")
        #expect(state.history.count == 3)
        #expect(state.positions[1] != nil)
    }
}

@Suite struct SharedScenarioStateTests {
    @Test func mergeKeepsWhatOtherExecutionsWroteMeanwhile() {
        let before = ScenarioState()
        var after = before
        after.history = [RunSummary(startedAt: Date(timeIntervalSince1970: 2), status: "incomplete", cycles: 1, operations: 2)]
        after.incomplete = [IncompleteExecution(id: "mine", createdAt: Date(), moduleId: 2, scope: [:], errorType: "DataError", message: "m")]
        var current = ScenarioState()
        current.history = [RunSummary(startedAt: Date(timeIntervalSince1970: 1), status: "success", cycles: 1, operations: 2)]
        current.incomplete = [IncompleteExecution(id: "theirs", createdAt: Date(), moduleId: 2, scope: [:], errorType: "DataError", message: "m")]
        SharedScenarioState.merge(from: before, to: after, into: &current)
        #expect(current.history.map(\.status) == ["success", "incomplete"])
        #expect(current.incomplete.map(\.id) == ["theirs", "mine"])
        #expect(current.consecutiveErrors == 0)
    }

    @Test func mergeCountsAFailureOnTopOfTheCurrentCount() {
        var current = ScenarioState()
        current.consecutiveErrors = 2
        var after = ScenarioState()
        after.consecutiveErrors = 1
        after.active = false
        SharedScenarioState.merge(from: ScenarioState(), to: after, into: &current)
        #expect(current.consecutiveErrors == 3)
        #expect(current.active == false)
    }
}

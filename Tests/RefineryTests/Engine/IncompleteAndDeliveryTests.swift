import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Synchronization
import Testing

@Suite struct IncompleteAndDeliveryTests {
    /// Fails while `broken` is set.
    final class Switch: Sendable {
        let broken = Mutex(true)
    }

    static func setup() -> (RunHarness, Switch, FakeModule) {
        let toggle = Switch()
        let flaky = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            if toggle.broken.withLock({ $0 }) { throw ModuleError(.connection, code: "http.network", message: "down") }
            return [ModuleOutput(["done": call.mapper["v"] ?? .null])]
        }
        let after = recorder()
        return (RunHarness(extra: ["test:flaky": flaky, "test:after": after]), toggle, after)
    }

    static let flow = """
    [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": ["a", "b"]}},
     {"id": 2, "module": "test:flaky", "mapper": {"v": "{{1.value}}"},
      "onerror": [{"id": 3, "module": "builtin:Break", "mapper": {"retry": true, "count": 2, "interval": 5}}]},
     {"id": 4, "module": "test:after", "mapper": {"v": "{{2.done}}"}}]
    """

    @Test func retryResumesFromTheFailedModuleAndRemovesIt() async throws {
        let (harness, toggle, after) = Self.setup()
        let plan = try harness.plan(flow: Self.flow, metadata: #"{"scenario": {"dlq": true}}"#)
        let runner = ScenarioRunner(plan: plan, environment: .testing(clock: harness.clock, store: harness.store), scenarioKey: "test")
        let first = try await runner.run()
        #expect(first.incompleteExecutions == 2)
        let stored = try await runner.incompleteExecutions()
        #expect(stored.map { $0.scope["1"]?["value"] } == ["a", "b"])
        #expect(try await runner.dueIncompleteExecutions(at: harness.clock.now).isEmpty)
        harness.clock.advance(seconds: 300)
        #expect(try await runner.dueIncompleteExecutions(at: harness.clock.now).count == 2)

        let failedAgain = try #require(try await runner.retryIncomplete(id: stored[0].id))
        #expect(failedAgain.status == .incomplete)
        #expect(try await runner.incompleteExecutions().first?.attempts == 1)
        #expect(try await runner.incompleteExecutions().count == 2)

        toggle.broken.withLock { $0 = false }
        let report = try #require(try await runner.retryIncomplete(id: stored[0].id))
        #expect(report.status == .success)
        #expect(after.mappers.map { $0["v"] } == ["a"])
        #expect(try await runner.incompleteExecutions().map(\.id) == [stored[1].id])
        #expect(try await runner.retryIncomplete(id: "nope") == nil)
    }

    @Test func retriesStopWhenAttemptsAreUsedUp() async throws {
        let (harness, _, _) = Self.setup()
        let plan = try harness.plan(flow: Self.flow, metadata: #"{"scenario": {"dlq": true}}"#)
        let runner = ScenarioRunner(plan: plan, environment: .testing(clock: harness.clock, store: harness.store), scenarioKey: "test")
        _ = try await runner.run()
        let id = try #require(try await runner.incompleteExecutions().first?.id)
        _ = try await runner.retryIncomplete(id: id)
        _ = try await runner.retryIncomplete(id: id)
        let item = try #require(try await runner.incompleteExecutions().first { $0.id == id })
        #expect(item.attempts == 2)
        #expect(item.nextAttemptAt == nil)
        harness.clock.advance(seconds: 3600)
        #expect(try await !runner.dueIncompleteExecutions(at: harness.clock.now).map(\.id).contains(id))
        #expect(try await runner.dueIncompleteExecutions(at: harness.clock.now).count == 1)
    }

    @Test func instantTriggerDeliveryRunsOneCycle() async throws {
        let hook = FakeModule(ModuleDescriptor(kind: .instantTrigger)) { _ in [] }
        let sink = recorder()
        let harness = RunHarness(extra: ["test:hook": hook, "test:sink": sink])
        var options = RunOptions()
        options.deliveries = [["contact": ["email": "a@x.io"], "score": 3]]
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:hook"},
         {"id": 2, "module": "test:sink", "mapper": {"email": "{{lower(1.contact.email)}}", "low": "{{1.score <= 6}}"}}]
        """, options: options)
        #expect(report.cycles == 1)
        #expect(report.operations == 2)
        #expect(sink.mappers == [["email": "a@x.io", "low": true]])
        #expect(hook.calls.isEmpty)
    }
}

import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct ErrorDirectiveTests {
    /// Three trigger items; module 2 fails on item "2"; `handler` is module 2's error route.
    static func run(handler: String, dlq: Bool = false, commit: String = "bundle") async throws -> (RunReport, FakeModule, FakeModule, RunHarness) {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add((1...3).map { FakeTriggerSource.Item(id: "\($0)") })
        let flaky = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            if call.mapper["id"] == "2" { throw ModuleError(.data, code: "http.status", message: "bad item", status: 422) }
            return [ModuleOutput(["ok": call.mapper["id"] ?? .null])]
        }
        let after = recorder(), notify = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:flaky": flaky, "test:after": after, "test:notify": notify])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 10}},
         {"id": 2, "module": "test:flaky", "mapper": {"id": "{{1.id}}"}, "onerror": \(handler)},
         {"id": 3, "module": "test:after", "mapper": {"ok": "{{2.ok}}"}}]
        """, metadata: #"{"scenario": {"dlq": \#(dlq)}, "refinery": {"commit": "\#(commit)"}}"#)
        return (report, after, notify, harness)
    }

    @Test func ignoreDropsTheBundleAndContinues() async throws {
        let (report, after, _, harness) = try await Self.run(handler: #"[{"id": 9, "module": "builtin:Ignore"}]"#)
        #expect(report.status == .success)
        #expect(after.mappers.map { $0["ok"] } == ["1", "3"])
        #expect(report.errors.map(\.handledBy) == ["builtin:Ignore"])
        #expect(report.errors.first?.bundle == 2)
        #expect(report.errors.first?.status == 422)
        #expect(harness.state.positions[1]?.lastId == "3")
    }

    @Test func routeWithoutDirectiveActsAsIgnoreAndRunsItsModules() async throws {
        let (report, after, notify, _) = try await Self.run(handler: #"[{"id": 8, "module": "test:notify", "mapper": {"why": "{{2.error.message}}", "item": "{{1.id}}"}}]"#)
        #expect(report.status == .success)
        #expect(notify.mappers == [["why": "bad item", "item": "2"]])
        #expect(after.calls.count == 2)
        #expect(report.stats(for: 8)?.operations == 0, "error routes do not count operations")
    }

    @Test func resumeSubstitutesTheOutput() async throws {
        let (report, after, _, _) = try await Self.run(handler: #"[{"id": 9, "module": "builtin:Resume", "mapper": {"ok": "fallback-{{1.id}}"}}]"#)
        #expect(report.status == .success)
        #expect(after.mappers.map { $0["ok"] } == ["1", "fallback-2", "3"])
    }

    @Test func commitStopsAndKeepsWhatWasDone() async throws {
        let (report, after, _, harness) = try await Self.run(handler: #"[{"id": 9, "module": "builtin:Commit"}]"#)
        #expect(report.status == .success)
        #expect(after.mappers.map { $0["ok"] } == ["1"])
        #expect(harness.state.positions[1]?.lastId == "2", "the failed item counts as processed")
    }

    @Test func rollbackFailsTheRunWithoutMovingThePosition() async throws {
        let (report, after, _, harness) = try await Self.run(handler: #"[{"id": 9, "module": "builtin:Rollback"}]"#)
        #expect(report.status == .error)
        #expect(after.calls.count == 1)
        #expect(harness.state.positions[1]?.lastId == "1", "item 1 was fully processed and committed; item 2 was not")
        #expect(harness.state.consecutiveErrors == 1)
    }

    @Test func cycleCommitRollsBackTheWholeCycle() async throws {
        let (report, _, _, harness) = try await Self.run(handler: #"[{"id": 9, "module": "builtin:Rollback"}]"#, commit: "cycle")
        #expect(report.status == .error)
        #expect(harness.state.positions[1] == nil)
    }

    @Test func breakStoresAnIncompleteExecutionAndContinues() async throws {
        let (report, after, _, harness) = try await Self.run(
            handler: #"[{"id": 9, "module": "builtin:Break", "mapper": {"retry": true, "count": 5, "interval": 10}}]"#, dlq: true
        )
        #expect(report.status == .incomplete)
        #expect(report.incompleteExecutions == 1)
        #expect(after.mappers.map { $0["ok"] } == ["1", "3"])
        let stored = try #require(harness.state.incomplete.first)
        #expect(stored.moduleId == 2)
        #expect(stored.scope["1"]?["id"] == "2")
        #expect(stored.retry && stored.maxAttempts == 5 && stored.intervalMinutes == 10)
        #expect(stored.nextAttemptAt == stored.createdAt.addingTimeInterval(600))
        #expect(harness.state.positions[1]?.lastId == "3")
    }

    @Test func unhandledErrorRollsBackTheCycle() async throws {
        let (report, after, _, harness) = try await Self.run(handler: "[]")
        #expect(report.status == .error)
        #expect(report.errors.first?.handledBy == nil)
        #expect(report.errors.first?.message == "bad item")
        #expect(after.calls.count == 1)
        #expect(harness.state.positions[1]?.lastId == "1")
        #expect(harness.state.history.last?.status == "error")
    }

    @Test func unhandledErrorWithDLQIsStoredAndThePositionCoversIt() async throws {
        let (report, after, _, harness) = try await Self.run(handler: "[]", dlq: true)
        #expect(report.status == .incomplete)
        #expect(after.calls.count == 1)
        #expect(harness.state.incomplete.count == 1)
        #expect(harness.state.positions[1]?.lastId == "2")
    }

    @Test(arguments: ["InvalidAccessTokenError", "InvalidConfigurationError"])
    func configurationAndTokenErrorsDeactivateAtOnce(type: String) async throws {
        let failing = FakeModule.failing(ModuleError(ModuleError.Kind(rawValue: type) ?? .runtime, code: "http.status", message: "401", status: 401))
        let harness = RunHarness(extra: ["test:fail": failing])
        _ = try await harness.run(flow: #"[{"id": 1, "module": "test:fail"}]"#)
        #expect(!harness.state.active)
        #expect(harness.state.consecutiveErrors == 1)
    }

    static func delivering(_ payload: JSONValue) -> RunOptions {
        var options = RunOptions()
        options.deliveries = [payload]
        return options
    }

    static let instantFlow = #"[{"id": 1, "module": "test:hook", "parameters": {"__IMTHOOK__": 7}}, {"id": 2, "module": "test:fail"}]"#

    /// Instant-trigger scenarios count `maxErrors` like polling ones: one downstream outage does not stop
    /// every later delivery. The state keeps why each run failed.
    @Test func instantScenariosDeactivateAfterMaxErrors() async throws {
        let hook = FakeModule(ModuleDescriptor(kind: .instantTrigger)) { _ in [] }
        let failing = FakeModule.failing(ModuleError(.connection, code: "http.status", message: "down", status: 503))
        let harness = RunHarness(extra: ["test:hook": hook, "test:fail": failing])
        let metadata = #"{"scenario": {"maxErrors": 2}}"#
        _ = try await harness.run(flow: Self.instantFlow, metadata: metadata, options: Self.delivering(["a": 1]))
        #expect(harness.state.active)
        #expect(harness.state.history.last?.failure == "test:fail (module 2): ConnectionError [HTTP 503]: down")
        _ = try await harness.run(flow: Self.instantFlow, metadata: metadata, options: Self.delivering(["a": 2]))
        #expect(!harness.state.active)
        #expect(harness.state.consecutiveErrors == 2)
    }

    /// With `dlq`, a delivery whose downstream module fails is stored as an incomplete execution holding
    /// the payload; the other deliveries of a batch go on.
    @Test func anInstantScenarioWithDLQStoresTheFailedDelivery() async throws {
        let hook = FakeModule(ModuleDescriptor(kind: .instantTrigger)) { _ in [] }
        let failing = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            guard call.mapper["n"]?.intValue != 1 else { throw ModuleError(.connection, code: "http.status", message: "down", status: 503) }
            return [ModuleOutput([:])]
        }
        let harness = RunHarness(extra: ["test:hook": hook, "test:fail": failing])
        let flow = #"[{"id": 1, "module": "test:hook", "parameters": {"__IMTHOOK__": 7}}, {"id": 2, "module": "test:fail", "mapper": {"n": "{{1.n}}"}}]"#
        let report = try await harness.run(flow: flow, metadata: #"{"scenario": {"dlq": true}}"#, options: Self.delivering([["n": 1], ["n": 2]]))
        #expect(report.status == .incomplete)
        #expect(report.modules.first { $0.id == 2 }?.operations == 2, "the second delivery of the batch ran")
        let stored = try #require(harness.state.incomplete.first)
        #expect(harness.state.incomplete.count == 1)
        #expect(stored.moduleId == 2)
        #expect(stored.scope["1"] == ["n": 1])
        #expect(harness.state.active)
        #expect(harness.state.history.last?.failure?.contains("ConnectionError [HTTP 503]") == true)
    }

    @Test func aSuccessfulRunReactivates() async throws {
        let failing = FakeModule.failing(ModuleError(.invalidAccessToken, code: "http.status", message: "401"))
        let harness = RunHarness(extra: ["test:fail": failing])
        _ = try await harness.run(flow: #"[{"id": 1, "module": "test:fail"}]"#)
        _ = try await harness.run(flow: #"[{"id": 1, "module": "refiner:trackEvent"}]"#)
        #expect(harness.state.active)
        #expect(harness.state.consecutiveErrors == 0)
    }

    @Test func consecutiveFailuresDeactivate() async throws {
        let failing = FakeModule.failing(ModuleError(.runtime, code: "http.network", message: "down"))
        let harness = RunHarness(extra: ["test:fail": failing])
        let plan = try harness.plan(flow: #"[{"id": 1, "module": "test:fail"}]"#, metadata: #"{"scenario": {"maxErrors": 2}}"#)
        _ = try await harness.run(plan)
        #expect(harness.state.active)
        _ = try await harness.run(plan)
        #expect(!harness.state.active)
        #expect(harness.state.consecutiveErrors == 2)
        #expect(harness.state.history.count == 2)
    }
}

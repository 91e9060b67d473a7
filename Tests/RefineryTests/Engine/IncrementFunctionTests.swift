@testable import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `util:FunctionIncrement`: `{i}`, reset after one cycle (`run`), one scenario run (`execution`), or
/// never (`scenario`: kept in the scenario's state).
@Suite struct IncrementFunctionTests {
    /// A trigger with `items` items read one a cycle, over `cycles` cycles, through an increment.
    static func flow(reset: String) -> String {
        """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 1}},
         {"id": 2, "module": "builtin:BasicRepeater", "mapper": {"repeats": "2"}},
         {"id": 3, "module": "util:FunctionIncrement", "version": 1, "parameters": {"reset": "\(reset)"}, "mapper": {},
          "metadata": {"restore": {"parameters": {"reset": {"label": "Never"}}}}},
         {"id": 4, "module": "test:sink", "mapper": {"i": "{{3.i}}"}}]
        """
    }

    static let resets: [(reset: String, first: [JSONValue], second: [JSONValue])] = [
        ("run", [1, 2, 1, 2], [1, 2, 1, 2]),
        ("execution", [1, 2, 3, 4], [1, 2, 3, 4]),
        ("scenario", [1, 2, 3, 4], [5, 6, 7, 8]),
    ]

    @Test(arguments: resets)
    func resetsPerCycleRunOrNever(_ reset: String, _ first: [JSONValue], _ second: [JSONValue]) async throws {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add([.init(id: "1"), .init(id: "2")])
        let sink = recorder()
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink])
        let plan = try harness.plan(flow: Self.flow(reset: reset), metadata: #"{"scenario": {"roundtrips": 2}}"#)
        _ = try await harness.run(plan)
        #expect(sink.mappers.map { $0["i"] } == first)
        trigger.add([.init(id: "3"), .init(id: "4")])
        _ = try await harness.run(plan)
        #expect(sink.mappers.dropFirst(4).map { $0["i"] } == second)
        #expect(harness.state.counters == (reset == "scenario" ? [3: 8] : [:]))
    }

    @Test func aRolledBackItemDoesNotKeepItsIncrement() async throws {
        let trigger = FakeTriggerSource(type: .id, order: .asc)
        trigger.add([.init(id: "1"), .init(id: "2")])
        let sink = recorder()
        let failing = FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { call in
            if call.mapper["i"] == 2 { throw ModuleError(.runtime, code: "test.failed", message: "failed") }
            return [ModuleOutput(.object(call.input))]
        }
        let harness = RunHarness(extra: ["test:trigger": trigger, "test:sink": sink, "test:fail": failing])
        let plan = try harness.plan(flow: """
        [{"id": 1, "module": "test:trigger", "parameters": {"limit": 5}},
         {"id": 3, "module": "util:FunctionIncrement", "parameters": {"reset": "scenario"}},
         {"id": 4, "module": "test:fail", "mapper": {"i": "{{3.i}}"}}]
        """)
        let report = try await harness.run(plan)
        #expect(report.status == .error)
        // Item 1 committed with i = 1; item 2 failed with i = 2, which is not kept.
        #expect(harness.state.counters == [3: 1])
    }

    @Test(arguments: ["never", ""])
    func aResetMakeDoesNotHaveIsReportedAtLoad(_ reset: String) {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: """
        [{"id": 3, "module": "util:FunctionIncrement", "parameters": {"reset": "\(reset)"}}]
        """))
        #expect(problems.map(\.code) == ["scenario.invalid-value"])
    }

    @Test func aMissingResetIsReportedAtLoad() {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: #"[{"id": 3, "module": "util:FunctionIncrement"}]"#))
        #expect(problems.map(\.code) == ["scenario.missing-field"])
    }

    @Test func countersSurviveTheStateFile() throws {
        var state = ScenarioState()
        state.counters = [3: 41, 12: 2]
        #expect(try ScenarioState(json: state.json).counters == [3: 41, 12: 2])
        // A state written before counters existed has none; a damaged one is refused naming the field.
        #expect(!ScenarioState().json.serialized().contains("counters"))
        var damaged = state.json.objectValue ?? [:]
        damaged["counters"] = ["3": "41"]
        #expect { try ScenarioState(json: .object(damaged)) } throws: { error in
            (error as? StateFormatError)?.reason.contains("/counters/3") == true
        }
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting

/// Loads a blueprint and runs it against fakes, with a memory store and a virtual clock.
struct RunHarness {
    var catalog: ModuleCatalog
    var store: MemoryStateStore = MemoryStateStore()
    var clock: VirtualRunClock = VirtualRunClock()

    init(extra: [String: any ScenarioModule] = [:]) {
        catalog = EngineFixtures.catalog(extra: extra)
    }

    func plan(flow: String, metadata: String = "{}") throws -> ScenarioPlan {
        do {
            return try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: metadata), catalog: catalog)
        } catch {
            throw HarnessError(description: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    func run(flow: String, metadata: String = "{}", options: RunOptions = RunOptions()) async throws -> RunReport {
        try await run(plan(flow: flow, metadata: metadata), options: options)
    }

    func run(_ plan: ScenarioPlan, options: RunOptions = RunOptions()) async throws -> RunReport {
        try await ScenarioRunner(plan: plan, environment: .testing(clock: clock, store: store), scenarioKey: "test").run(options)
    }

    var state: ScenarioState { (try? store.read("test")) ?? ScenarioState() }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// An action that records the input it received, for asserting on mappings.
func recorder() -> FakeModule { FakeModule.action() }

extension FakeModule {
    /// The evaluated mappers of every call.
    var mappers: [JSONObject] { calls.map(\.mapper) }
}

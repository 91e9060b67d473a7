import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `{{uuid}}`, `{{random}}` and `shuffle()` draw from the run's seed: a value of its own for every
/// bundle, the same values again for the same seed (a replay), others for another seed.
@Suite struct RandomnessTests {
    static let flow = #"""
    [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 2, 3, 4, 5]}},
     {"id": 2, "module": "test:record", "mapper": {"uuid": "{{uuid}}", "random": "{{random}}", "order": "{{join(shuffle(split(\"a,b,c,d,e,f,g,h\"; \",\")); \"\")}}"}}]
    """#

    static func mappers(seed: UInt64) async throws -> [JSONObject] {
        let recorder = FakeModule.action()
        let catalog = EngineFixtures.catalog(extra: ["test:record": recorder])
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(flow: flow), catalog: catalog)
        let report = try await ScenarioRunner(plan: plan, environment: .testing(seed: seed)).run()
        #expect(report.status == .success)
        return recorder.mappers
    }

    @Test func everyBundleGetsItsOwnValuesAndTheSameSeedRepeatsThem() async throws {
        let first = try await Self.mappers(seed: 42)
        #expect(first.count == 5)
        #expect(Set(first.compactMap { $0["uuid"]?.stringValue }).count == 5)
        #expect(Set(first.compactMap { $0["random"]?.doubleValue }).count == 5)
        #expect(Set(first.compactMap { $0["order"] }).count > 1)
        #expect(try await Self.mappers(seed: 42) == first)
        let uuids = Set(first.compactMap { $0["uuid"]?.stringValue })
        let others = Set(try await Self.mappers(seed: 43).compactMap { $0["uuid"]?.stringValue })
        #expect(uuids.intersection(others).isEmpty)
    }
}

import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// Blueprints in Make's export shape, checked at load; executions sharing a store.
@Suite struct DataStoreScenarioTests {
    typealias H = DataStoreHarness

    /// A custom webhook scenario as Make exports it (ids, versions, numeric store id, designer metadata).
    static let exported = """
    {"name": "Dedupe leads", "flow": [
      {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 99, "maxResults": 1}, "mapper": {}, "metadata": {"designer": {"x": 0, "y": 0}}},
      {"id": 2, "module": "datastore:ExistRecord", "version": 1, "parameters": {"datastore": 12345}, "mapper": {"key": "{{1.id}}"},
       "metadata": {"designer": {"x": 300, "y": 0}, "restore": {"parameters": {"datastore": {"label": "contacts"}}}}},
      {"id": 5, "module": "builtin:BasicRouter", "version": 1, "mapper": null, "metadata": {"designer": {"x": 450, "y": 0}}, "routes": [
        {"flow": [{"id": 3, "module": "datastore:AddRecord", "version": 1, "parameters": {"datastore": 12345},
         "filter": {"name": "new", "conditions": [[{"a": "{{2.exist}}", "o": "boolean:equal", "b": "false"}]]},
         "mapper": {"key": "{{1.id}}", "data": {"email": "{{1.email}}", "visits": "1"}, "overwrite": false},
         "metadata": {"designer": {"x": 600, "y": 0}, "restore": {}}}]},
        {"flow": [{"id": 4, "module": "datastore:UpdateRecord", "version": 1, "parameters": {"datastore": 12345},
         "filter": {"name": "known", "conditions": [[{"a": "{{2.exist}}", "o": "boolean:equal", "b": "true"}]]},
         "mapper": {"key": "{{1.id}}", "data": {"tags": ["again"]}, "upsert": false, "overwriteArrays": false},
         "metadata": {"designer": {"x": 600, "y": 200}}}]}
      ]}
    ], "metadata": {"instant": true, "version": 1, "scenario": {"roundtrips": 1, "maxErrors": 3, "autoCommit": true, "sequential": false, "dlq": false}, "designer": {"orphans": []}, "zone": "eu1.make.com"}}
    """

    @Test func anExportedBlueprintValidatesAndRuns() async throws {
        var catalog = ModuleCatalog(apps: [])
        catalog.dataStores = DataStoreCatalog([H.contacts])
        let plan = try ScenarioCompiler.load(file: "dedupe.json", bytes: Array(Self.exported.utf8), catalog: catalog)
        let backend = MemoryDataStoreBackend()
        var environment = RuntimeEnvironment.testing()
        environment.dataStores = backend
        var options = RunOptions()
        options.deliveries = [["id": "L1", "email": "a@x.io"], ["id": "L1", "email": "a@x.io"], ["id": "L2", "email": "b@x.io"]]
        let report = try await ScenarioRunner(plan: plan, environment: environment).run(options)
        #expect(report.status == .success, "\(report.errors)")
        let store = try backend.open(H.contacts)
        #expect(try store.record("L1") == ["email": "a@x.io", "visits": 1, "tags": ["again"]])
        #expect(try store.count() == 2)
    }

    static let loadCases: [ProblemCase] = [
        ProblemCase(text: #"{"datastore": 999}"#, pointer: "/flow/0/parameters/datastore", code: "datastore.unknown-store"),
        ProblemCase(text: #"{"datastore": "contact"}"#, pointer: "/flow/0/parameters/datastore", code: "datastore.unknown-store"),
        ProblemCase(text: #"{"datastore": "{{1.store}}"}"#, pointer: "/flow/0/parameters/datastore", code: "datastore.unknown-store"),
        ProblemCase(text: "{}", pointer: "/flow/0/parameters", code: "scenario.missing-field"),
    ]

    @Test(arguments: loadCases)
    func badReferencesAreReportedAtLoad(_ test: ProblemCase) throws {
        let flow = #"[{"id": 1, "module": "datastore:GetRecord", "version": 1, "parameters": \#(test.text), "mapper": {"key": "x"}}]"#
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: flow), catalog: H().catalog)
        let problem = try #require(problems.first)
        #expect(problem.code == test.code)
        #expect(problem.source?.pointer?.description == test.pointer)
        #expect(problem.source?.line != nil)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let flow = """
        [{"id": 1, "module": "datastore:GetRecord", "version": 1, "parameters": {"datastore": 999}, "mapper": {}},
         {"id": 2, "module": "datastore:SearchRecord", "version": 1, "parameters": {"datastore": "keys"}, "mapper": {"filter": [[{"a": "x", "o": "text:equalz", "b": "1"}]]}}]
        """
        let codes = EngineFixtures.problems(EngineFixtures.blueprint(flow: flow), catalog: H().catalog).map(\.code)
        #expect(codes.sorted() == ["datastore.unknown-store", "scenario.missing-field", "scenario.unknown-operator"])
    }

    /// 50 executions at once (each its own scenario state), one shared file store: every key arrives,
    /// and each execution's count saw at least its own record.
    @Test func concurrentExecutionsLoseNothing() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let harness = H(backend: FileDataStoreBackend(directory: folder))
        let flow = """
        [\(H.node(1, "AddRecord", store: "777", mapper: #"{"key": "{{ifempty(0; 0)}}-KEY", "data": {"n": 1}, "overwrite": false}"#)),
         \(H.node(2, "CountRecords", store: "777"))]
        """
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                let mine = flow.replacingOccurrences(of: "{{ifempty(0; 0)}}-KEY", with: "key-\(index)")
                group.addTask {
                    let (report, bundles) = try await harness.outputs(mine, key: "s\(index)")
                    #expect(report.status == .success)
                    return bundles[2]?.first?["count"]?.intValue ?? 0
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.allSatisfy { $0 >= 1 })
        let reopened = FileDataStore(directory: folder, declaration: H.keys)
        #expect(try reopened.count() == 50)
        #expect(Set(try reopened.contents().records.keys) == Set((0..<50).map { "key-\($0)" }))
    }
}

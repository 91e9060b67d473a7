import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// A JSON text and the problem it must give: its code, at its pointer.
struct ProblemCase: Sendable, CustomTestStringConvertible {
    let text: String
    let pointer: String
    let code: String
    var testDescription: String { text }
}

/// Runs blueprints that use data stores: the `contacts` store (id 12345, a structure with a required
/// email) and the free-form `keys` store, in a backend shared by the harness's runs.
struct DataStoreHarness {
    static let contacts: DataStoreDeclaration = {
        var email = FieldSpec(name: "email", type: .email)
        email.required = true
        var declaration = DataStoreDeclaration(name: "contacts", id: 12345, structure: [email, FieldSpec(name: "visits", type: .number), FieldSpec(name: "tags", type: .array)])
        declaration.maxRecords = 5
        return declaration
    }()

    static let keys = DataStoreDeclaration(name: "keys", id: 777)

    var backend: any DataStoreBackend = MemoryDataStoreBackend()
    var catalog: ModuleCatalog {
        var catalog = EngineFixtures.catalog(extra: ["test:fail": FakeModule.failing(ModuleError(.runtime, code: "test.failed", message: "failed"))])
        catalog.dataStores = DataStoreCatalog([Self.contacts, Self.keys])
        return catalog
    }

    func plan(_ flow: String, metadata: String = "{}") throws -> ScenarioPlan {
        do {
            return try EngineFixtures.load(EngineFixtures.blueprint(flow: flow, metadata: metadata), catalog: catalog)
        } catch {
            throw HarnessError(description: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    func run(_ flow: String, key: String = "test", store: any StateStore = MemoryStateStore(), options: RunOptions = RunOptions()) async throws -> RunReport {
        try await outputs(flow, key: key, store: store, options: options).report
    }

    /// The run's report and the bundles each module output, by module id.
    func outputs(
        _ flow: String, key: String = "test", store: any StateStore = MemoryStateStore(), options: RunOptions = RunOptions()
    ) async throws -> (report: RunReport, bundles: [Int: [JSONValue]]) {
        var environment = RuntimeEnvironment.testing(store: store)
        environment.dataStores = backend
        let traces = Collector<BundleTrace>()
        var options = options
        options.onBundle = { traces.append($0) }
        let report = try await ScenarioRunner(plan: plan(flow), environment: environment, scenarioKey: key).run(options)
        return (report, Dictionary(grouping: traces.values, by: \.moduleId).mapValues { $0.map(\.bundle) })
    }

    func store(_ declaration: DataStoreDeclaration = contacts) throws -> any DataStore { try backend.open(declaration) }

    /// A node of module `module` on store `store` with `mapper` (JSON text).
    static func node(_ id: Int, _ module: String, store: String = "12345", mapper: String = "{}", parameters: String = "") -> String {
        #"{"id": \#(id), "module": "datastore:\#(module)", "version": 1, "parameters": {"datastore": \#(store)\#(parameters)}, "mapper": \#(mapper), "metadata": {"designer": {"x": 0, "y": 0}, "restore": {}}}"#
    }
}

import Foundation
import Refinery
import RefineryJSON
import RefineryTesting

/// Shared helpers for engine tests: a small catalog and blueprint builders.
enum EngineFixtures {
    static func catalog(extra: [String: any ScenarioModule] = [:]) -> ModuleCatalog {
        var modules: [String: any ScenarioModule] = [
            "refiner:watchResponses": FakeTriggerSource(type: .date, order: .desc),
            "refiner:tagResponse": FakeModule(ModuleDescriptor(
                kind: .action, expect: [FieldDeclaration("responseUuid", required: true), FieldDeclaration("tags")]
            )) { call in [ModuleOutput(.object(call.input))] },
            "refiner:listContacts": FakeModule.search([["email": "a@x.io"], ["email": "b@x.io"], ["email": "c@x.io"]]),
            "refiner:trackEvent": FakeModule.action(),
        ]
        for (name, module) in extra { modules[name] = module }
        return ModuleCatalog(modules)
    }

    /// A blueprint document from a flow (JSON text of the array) and optional metadata.
    static func blueprint(flow: String, metadata: String = "{}") -> String {
        """
        {
          "name": "test",
          "flow": \(flow),
          "metadata": \(metadata)
        }
        """
    }

    static func load(_ text: String, catalog: ModuleCatalog? = nil) throws(ScenarioLoadError) -> ScenarioPlan {
        try ScenarioCompiler.load(file: "s.json", bytes: Array(text.utf8), catalog: catalog ?? Self.catalog())
    }

    /// The diagnostics of a blueprint that fails to load (empty when it loads).
    static func problems(_ text: String, catalog: ModuleCatalog? = nil) -> [Diagnostic] {
        do {
            _ = try load(text, catalog: catalog)
            return []
        } catch {
            return error.diagnostics
        }
    }
}

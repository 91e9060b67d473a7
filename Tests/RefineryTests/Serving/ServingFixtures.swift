import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting

/// Blueprints and set-up for `ScenarioHost` tests: the shipped Refiner app against a sandbox.
enum ServingFixtures {
    /// An instant-trigger scenario: every completed survey's response gets the tag `followed-up`.
    static func tagBlueprint(sequential: Bool = false, inDoubt: String = "incomplete") -> String {
        """
        {
          "name": "Tag completed surveys",
          "flow": [
            {"id": 1, "module": "refiner:watchCompletedSurvey", "version": 1, "parameters": {}},
            {"id": 2, "module": "refiner:tagResponse", "version": 1,
             "mapper": {"uuid": "{{1.response.uuid}}", "tags": ["followed-up"]}}
          ],
          "metadata": {
            "scenario": {"sequential": \(sequential)},
            "refinery": {"webhook": {"tokenVariable": "TAG_TOKEN", "maxConcurrent": 3, "inDoubt": "\(inDoubt)"}}
          }
        }
        """
    }

    /// A polling scenario on a schedule (`scheduling` as given).
    static func pollingBlueprint(scheduling: String) -> String {
        """
        {
          "name": "Poll responses",
          "flow": [{"id": 1, "module": "refiner:watchResponses", "version": 1, "parameters": {"limit": 10}}],
          "scheduling": \(scheduling)
        }
        """
    }

    /// The shipped Refiner app's modules.
    static func catalog() throws -> ModuleCatalog {
        ModuleCatalog(apps: [try Fixtures.refinerApp()])
    }

    /// Runs connected to `sandbox` in-process.
    static func environment(_ sandbox: RefinerSandbox, clock: any RunClock) throws -> RuntimeEnvironment {
        let connection = try requireConnectionValues(try Fixtures.refinerApp(), key: sandbox.apiKey)
        return RuntimeEnvironment(transport: InProcessTransport(handler: sandbox), clock: clock, connections: ["refiner": connection], randomSeed: 0)
    }

    static func plan(_ text: String, file: String, catalog: ModuleCatalog) throws -> ScenarioPlan {
        try ScenarioCompiler.load(file: file, bytes: Array(text.utf8), catalog: catalog)
    }

    static func temporaryDirectory() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("serving-\(UUID().uuidString)")
    }

    /// A completed-survey payload as Refiner sends it (only the fields the scenario reads matter).
    static func payload(response: String, contact: String = "user-1") -> JSONValue {
        [
            "uuid": .string(UUID().uuidString.lowercased()), "remote_id": .string(contact), "triggered_event": "Completed Survey",
            "form": ["uuid": "00000000-0000-0000-0000-000000000000", "name": "NPS"],
            "response": ["uuid": .string(response), "data": [:], "tags": []],
        ]
    }
}

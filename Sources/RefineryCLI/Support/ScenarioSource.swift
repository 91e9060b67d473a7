import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON

/// A scenario file as given on the command line: its bytes, and its plan once compiled against the
/// installed apps.
struct ScenarioSource {
    /// The path as the user wrote it (for messages).
    let file: String
    let url: URL
    let bytes: [UInt8]

    static func read(_ file: String, context: CommandContext) throws(UsageError) -> ScenarioSource {
        let path = FileCollector(workingDirectory: context.workingDirectory).resolve(file)
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(CLIMessages.scenarioUnreadable(file)) }
        return ScenarioSource(file: file, url: URL(fileURLWithPath: path), bytes: Array(data))
    }

    /// Compiles against `catalog`; every problem comes back as diagnostics.
    func compile(_ catalog: ModuleCatalog) -> Result<ScenarioPlan, ScenarioLoadError> {
        Result { () throws(ScenarioLoadError) in try ScenarioCompiler.load(file: file, bytes: bytes, catalog: catalog) }
    }

    /// A catalog good for checking the scenario: every installed module, no connection, no network.
    static func validationCatalog(_ apps: [AppDefinition]) -> ModuleCatalog {
        Refinery.AppCatalog.make(apps: apps, environment: ModuleEnvironment(transport: OfflineTransport(), clock: SystemRunClock()))
    }

    /// The apps the blueprint's modules belong to (`refiner` for `refiner:watchResponses`).
    func appNames() -> Set<String> {
        guard let value = try? JSONValue(parsing: bytes) else { return [] }
        var names: Set<String> = []
        Self.collectModules(value, into: &names)
        return names
    }

    private static func collectModules(_ value: JSONValue, into names: inout Set<String>) {
        switch value {
        case .object(let object):
            if let module = object["module"]?.stringValue, let app = module.split(separator: ":").first { names.insert(String(app)) }
            for member in object.values { collectModules(member, into: &names) }
        case .array(let array):
            for element in array { collectModules(element, into: &names) }
        default:
            break
        }
    }
}

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
}

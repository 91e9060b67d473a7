import Foundation
import Refinery
import RefineryJSON

/// The data stores a repository declares: `datastores/*.json`, in the first `datastores` folder found
/// upward from the scenario (or the working directory), as `modules/` is found.
struct RepositoryDataStores {
    let catalog: DataStoreCatalog
    let diagnostics: [Diagnostic]
    /// The folder they came from; nil when there is none.
    let folder: String?

    static func load(near path: String?, context: CommandContext) -> RepositoryDataStores {
        let start = FileCollector(workingDirectory: context.workingDirectory).resolve(path ?? ".")
        guard let folder = AppSearchPath.upward(from: start, named: "datastores") else {
            return RepositoryDataStores(catalog: DataStoreCatalog(), diagnostics: [], folder: nil)
        }
        let (catalog, diagnostics) = DataStoreCatalog.load(directory: URL(fileURLWithPath: folder), display: shown(folder, context: context))
        return RepositoryDataStores(catalog: catalog, diagnostics: diagnostics, folder: folder)
    }

    /// A folder as messages show it: relative to the working directory when it is inside it.
    static func shown(_ folder: String, context: CommandContext) -> String {
        let base = (context.workingDirectory as NSString).standardizingPath
        let path = (folder as NSString).standardizingPath
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// The apps' catalog with these stores in it.
    func catalog(apps: [AppDefinition]) -> ModuleCatalog {
        var modules = ModuleCatalog(apps: apps)
        modules.dataStores = catalog
        return modules
    }
}

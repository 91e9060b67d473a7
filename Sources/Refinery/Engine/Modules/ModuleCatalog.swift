/// Resolves `app:moduleName` to a runnable module. Most built-ins (`builtin:*`, `util:*`, `json:*`) are
/// not in it: the engine implements those itself. The ones written as modules (`http:MakeRequest`,
/// `ModuleCatalog.builtins`) are registered by `init(apps:)`.
public struct ModuleCatalog: Sendable {
    private var modules: [String: any ScenarioModule]
    /// The data stores the repository declares, which `datastore:*` modules name.
    public var dataStores = DataStoreCatalog()

    public init(_ modules: [String: any ScenarioModule] = [:]) {
        self.modules = modules
    }

    public subscript(name: String) -> (any ScenarioModule)? {
        modules[name]
    }

    public mutating func register(_ module: any ScenarioModule, as name: String) {
        modules[name] = module
    }

    /// Every registered name, sorted (for "did you mean").
    public var names: [String] { modules.keys.sorted() }
}

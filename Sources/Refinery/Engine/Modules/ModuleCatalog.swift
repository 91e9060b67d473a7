/// Resolves `app:moduleName` to a runnable module. Built-ins (`builtin:*`, `util:*`) are not in it: the
/// engine implements those itself.
public struct ModuleCatalog: Sendable {
    private var modules: [String: any ScenarioModule]

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

public import RefineryJSON

/// Builds the engine's module catalog from loaded apps: `app:moduleName` for every module.
public enum AppCatalog {
    /// `connections` maps an app name to its resolved connection values; apps not in it get none (enough to
    /// validate a scenario, not to run it).
    public static func make(
        apps: [AppDefinition], environment: ModuleEnvironment, connections: [String: JSONObject] = [:]
    ) -> ModuleCatalog {
        var catalog = ModuleCatalog()
        for app in apps {
            for module in app.modules.values {
                let adapted = AppScenarioModule(app: app, module: module, environment: environment, connection: connections[app.name] ?? [:])
                catalog.register(adapted, as: "\(app.name):\(module.name)")
            }
        }
        return catalog
    }
}

extension ModuleCatalog {
    /// The modules Refinery implements in Swift beside the apps (`http:MakeRequest`,
    /// `gateway:CustomWebHook`).
    public static let builtins: [String: any ScenarioModule] = [
        MakeRequestModule.name: MakeRequestModule(),
        CustomWebhookModule.name: CustomWebhookModule(),
    ]

    /// Registers every built-in module that an app of the same name does not replace.
    mutating func registerBuiltins() {
        for (name, module) in Self.builtins where self[name] == nil { register(module, as: name) }
    }
}

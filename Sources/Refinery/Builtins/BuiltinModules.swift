extension ModuleCatalog {
    /// The modules Refinery implements in Swift beside the apps (`http:MakeRequest` and the version 3
    /// `http:ActionSendData*`, `gateway:CustomWebHook`).
    public static let builtins: [String: any ScenarioModule] = [
        MakeRequestModule.name: MakeRequestModule(),
        SendDataModule.plain: SendDataModule(usesAPIKey: false),
        SendDataModule.apiKeyAuth: SendDataModule(usesAPIKey: true),
        CustomWebhookModule.name: CustomWebhookModule(),
    ]

    /// Registers every built-in module that an app of the same name does not replace.
    mutating func registerBuiltins() {
        for (name, module) in Self.builtins where self[name] == nil { register(module, as: name) }
    }
}

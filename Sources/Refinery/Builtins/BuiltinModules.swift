extension ModuleCatalog {
    /// The modules Refinery implements in Swift beside the apps (`http:MakeRequest` and the version 3
    /// `http:ActionSendData*` and `http:ActionGetFile`, `gateway:CustomWebHook`).
    public static let builtins: [String: any ScenarioModule] = [
        MakeRequestModule.name: MakeRequestModule(),
        CustomWebhookModule.name: CustomWebhookModule(),
    ].merging(SendDataModule.Variant.allCases.map { ($0.rawValue, SendDataModule($0)) }) { first, _ in first }

    /// Registers every built-in module that an app of the same name does not replace.
    mutating func registerBuiltins() {
        for (name, module) in Self.builtins where self[name] == nil { register(module, as: name) }
    }
}

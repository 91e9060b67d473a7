import RefineryJSON

/// Make's `gateway:CustomWebHook`: an instant trigger fed by any sender (a form, a CRM, a script), not
/// only Refiner. `refinery serve` gives its scenario the URL `/hooks/<scenario>/<token>`: the token is the
/// unguessable hook id of Make's URL, read from the scenario's token variable, so a sender needs no
/// header. JSON, form-encoded and query-string payloads become the bundle (see `WebhookPayload`).
/// `parameters.hook` (Make's hook id) and `maxResults` are read and not needed. See docs/builtins.md.
public struct CustomWebhookModule: ScenarioModule {
    public static let name = "gateway:CustomWebHook"

    public init() {}

    public var descriptor: ModuleDescriptor {
        ModuleDescriptor(kind: .instantTrigger, parameters: [FieldDeclaration("hook"), FieldDeclaration("maxResults")])
    }

    /// Never polled: its bundles come from deliveries (`webhookBundles`).
    public func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        AsyncThrowingStream { $0.finish() }
    }
}

public import RefineryJSON

/// A scenario `ScenarioHost` serves: its compiled plan, the name it is served and stored under, and for
/// instant-trigger scenarios the webhook token (nil accepts deliveries without one).
public struct HostedScenario: Sendable {
    public var plan: ScenarioPlan
    /// The state key and the last part of the webhook path (default: the file's base name).
    public var key: String
    public var token: String?
    /// Custom webhooks (`gateway:CustomWebHook`): the API key expected in `x-make-apikey`, when one is set.
    public var apiKey: String?
    /// Its scenario inputs (`var.input.<name>`), already checked against its `io.input_spec`.
    public var inputs = JSONObject()
    /// The shortest webhook token `serve` accepts: anything shorter can be guessed.
    public static let minimumTokenLength = 16

    public init(plan: ScenarioPlan, key: String? = nil, token: String? = nil) {
        self.plan = plan
        self.key = key ?? ScenarioRunner.defaultKey(for: plan.file)
        self.token = token
    }

    /// Whether the scenario starts with an instant trigger (served as a webhook) rather than a polling one.
    public var isInstant: Bool { plan.instantTrigger != nil }

    /// Whether its instant trigger is Make's custom webhook (the token goes in the URL, any payload).
    public var isCustomWebhook: Bool { plan.instantTrigger?.module == CustomWebhookModule.name }

    /// `/hooks/<key>`; a custom webhook's URL adds `/<token>`.
    public var path: String { "/hooks/\(key)" }

    /// The options its executions run with: the host's, with its own scenario inputs.
    func runOptions(_ shared: RunOptions) -> RunOptions {
        var options = shared
        options.inputs = inputs
        return options
    }

    /// How its webhook is authenticated and what it takes.
    var endpointKind: WebhookEndpoint.Kind { isCustomWebhook ? .custom(apiKey: apiKey) : .bearer }
}

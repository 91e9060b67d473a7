/// `metadata.refinery.webhook`: how `refinery serve` takes an instant-trigger scenario's deliveries.
/// The token itself never lives in the blueprint (a file kept in git): only the name of the environment
/// variable that holds it.
public struct WebhookSettings: Sendable, Hashable {
    /// The variable holding the secret expected as `Authorization: Bearer <token>`.
    public static let defaultTokenVariable = "REFINERY_WEBHOOK_TOKEN"

    /// `tokenVariable`: the environment variable with the token (default `REFINERY_WEBHOOK_TOKEN`).
    public var tokenVariable: String = WebhookSettings.defaultTokenVariable
    /// `apiKeyVariable`: custom webhooks only, the environment variable with the API key a sender must
    /// put in `x-make-apikey` (Make's webhook API-key check); none by default.
    public var apiKeyVariable: String?
    /// `respondTimeout`: with a `gateway:WebhookRespond`, the seconds a sender waits for the execution's
    /// answer before it gets `202 Accepted` with the reason (1 to 600, default 180 as Make's).
    public var respondTimeout: Int = 180
    /// `maxConcurrent`: executions at a time when the scenario is not `sequential` (default 4).
    public var maxConcurrent: Int = 4
    /// `queueCapacity`: accepted deliveries not yet processed beyond which new ones get 429 (default 10000).
    public var queueCapacity: Int = 10_000
    /// `inDoubt`: what a restart does with a delivery whose execution was cut short by a crash:
    /// `"incomplete"` (default) stores it as an incomplete execution, `"retry"` runs it again, at most
    /// `inDoubtRetries` times (default 3, 0 to 100), then stores it as incomplete: a delivery that takes
    /// the process down cannot keep it down.
    public var inDoubt: DeliveryProcessor.InDoubtPolicy = .storeIncomplete
    /// What `inDoubtRetries` accepts.
    public static let inDoubtRetriesRange = 0...100

    public init() {}
}

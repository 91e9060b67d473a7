public import RefineryHTTP

/// What a sandbox starts with. Every field has a default: `SandboxConfiguration()` is the demo data
/// with the default key, Refiner's rate limits and real time.
public struct SandboxConfiguration: Sendable {
    /// The key used when none is given. It looks like a key, so every auth path can be exercised.
    public static let defaultAPIKey = "sandbox-api-key-0000000000000001"

    public var seed: SandboxSeed
    /// Contacts to generate; nil: the seed's own count (demo: 300, empty: 0).
    public var contacts: Int?
    /// Survey responses to generate with the demo seed; nil: the seed's own count (ten per contact up
    /// to 3,000, then one more per ten contacts).
    public var responses: Int?
    /// The one valid key (letters, digits, `-`, `_`, `.`; 8 to 128 characters).
    public var apiKey: String
    public var rateLimits: SandboxRateLimits
    public var clock: any RunClock
    /// How webhooks go out (`refinery sandbox` uses a `URLSessionTransport`); nil: they are recorded
    /// as failed deliveries and never sent.
    public var webhookTransport: (any HTTPTransport)?
    public var webhookPolicy: SandboxWebhookPolicy
    /// Seeds the generator of data, uuids and fault injection.
    public var randomSeed: UInt64

    public init(
        seed: SandboxSeed = .demo, contacts: Int? = nil, responses: Int? = nil, apiKey: String = SandboxConfiguration.defaultAPIKey,
        rateLimits: SandboxRateLimits = .refiner, clock: any RunClock = SystemRunClock(),
        webhookTransport: (any HTTPTransport)? = nil, webhookPolicy: SandboxWebhookPolicy = .init(),
        randomSeed: UInt64 = 2026
    ) {
        self.seed = seed
        self.contacts = contacts
        self.responses = responses
        self.apiKey = apiKey
        self.rateLimits = rateLimits
        self.clock = clock
        self.webhookTransport = webhookTransport
        self.webhookPolicy = webhookPolicy
        self.randomSeed = randomSeed
    }
}

/// The data a sandbox starts with.
public enum SandboxSeed: String, Sendable, CaseIterable {
    /// A few hundred contacts with traits and accounts, forms of every kind, manual and data-driven
    /// segments, a few thousand responses over the last 90 days.
    case demo
    /// Nothing but the project (plus `contacts` generated contacts, when asked).
    case empty
}

/// Requests per minute; nil turns a limit off.
public struct SandboxRateLimits: Sendable, Hashable {
    public var perKeyPerMinute: Int?
    public var perUserPerMinute: Int?

    public init(perKeyPerMinute: Int?, perUserPerMinute: Int?) {
        self.perKeyPerMinute = perKeyPerMinute
        self.perUserPerMinute = perUserPerMinute
    }

    /// Refiner's documented limits: 4000 a minute per key, 100 a minute per user.
    public static let refiner = SandboxRateLimits(perKeyPerMinute: 4000, perUserPerMinute: 100)
    public static let unlimited = SandboxRateLimits(perKeyPerMinute: nil, perUserPerMinute: nil)
}

/// How failed webhook deliveries are retried: `maxAttempts` in all, waiting `backoffSeconds[n]`
/// (the last value repeats) on the sandbox's clock between attempts; each attempt may take
/// `attemptTimeoutSeconds` (default 10) before it counts as failed. Refiner documents none of this.
public struct SandboxWebhookPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var backoffSeconds: [Double]
    public var attemptTimeoutSeconds: Double

    public init(maxAttempts: Int = 4, backoffSeconds: [Double] = [1, 5, 30], attemptTimeoutSeconds: Double = 10) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoffSeconds = backoffSeconds.isEmpty ? [1] : backoffSeconds
        self.attemptTimeoutSeconds = max(0.001, attemptTimeoutSeconds)
    }
}

extension SandboxConfiguration {
    /// Whether `key` can be the sandbox's key: what Refiner would not reject as missing or malformed.
    public static func isWellFormedAPIKey(_ key: String) -> Bool {
        key.count >= Authentication.minimumLength && Authentication.looksValid(key)
    }
}

/// The wording of `refinery sandbox`.
extension CLIMessages {
    /// On stdout: two lines a shell can `export`.
    static func sandboxStarted(baseURL: String, apiKey: String) -> String {
        "REFINER_BASE_URL=\(baseURL)\nREFINER_API_KEY=\(apiKey)\n"
    }

    static func sandboxRunning(seed: String, contacts: Int) -> String {
        "refiner sandbox: seed '\(seed)', \(contacts) contacts; webhooks go out for real (log: /_sandbox/deliveries); press Ctrl-C to stop\n"
    }

    static let sandboxStopped = "refiner sandbox: stopped\n"

    static func invalidSandboxSeed(_ seed: String) -> String {
        "option '--seed' must be 'demo' or 'empty', not '\(seed)'"
    }

    static let invalidSandboxKey = "option '--api-key' needs 8 to 128 letters, digits, '-', '_' or '.'"
}

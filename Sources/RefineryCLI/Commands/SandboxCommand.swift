import Foundation
import RefineryHTTP
import RefinerySandbox

/// `refinery sandbox`: serves a local Refiner API on loopback until SIGINT or SIGTERM.
struct SandboxCommand: Command {
    static let spec = CommandSpec(
        name: "sandbox",
        summary: "Serve a local Refiner API (the sandbox) for demos and tests.",
        discussion: """
        Prints the base URL and the API key, then serves on 127.0.0.1 until interrupted (Ctrl-C or
        SIGTERM), and exits 0. Point a connection at it with REFINER_BASE_URL and REFINER_API_KEY.
        Test controls live under /_sandbox/ (see docs/refiner.md). Webhooks registered with
        POST /_sandbox/webhooks are POSTed to their URL (with the secret as a Bearer token, retried
        after 1, 5 and 30 s); GET /_sandbox/deliveries is the delivery log.
        """,
        options: [
            .init("port", value: "N", help: "Port to listen on (default 0: any free port)."),
            .init("seed", value: "demo|empty", help: "Data to start with (default demo)."),
            .init("contacts", value: "N", help: "Number of contacts to generate (default: 300 for demo, 0 for empty)."),
            .init("api-key", value: "KEY", help: "The API key to accept (letters, digits, - _ ., 8 to 128 characters)."),
        ],
        examples: ["refinery sandbox --port 8787", "refinery sandbox --seed empty --contacts 100000"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try Self.configuration(arguments)
        let port = try arguments.integer("port", range: 0...65_535) ?? 0
        let signals = ShutdownSignals()
        let sandbox = RefinerSandbox(configuration: configuration)
        let served = try SandboxServer.start(sandbox: sandbox, port: port)
        context.console.out(CLIMessages.sandboxStarted(baseURL: served.baseURL, apiKey: sandbox.apiKey))
        context.console.err(CLIMessages.sandboxRunning(seed: configuration.seed.rawValue, contacts: sandbox.contactCount))
        await signals.wait()
        await served.stop()
        context.console.err(CLIMessages.sandboxStopped)
        return .success
    }

    /// The sandbox's configuration: the options, and a real transport for its webhooks.
    static func configuration(_ arguments: ParsedArguments) throws(UsageError) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(webhookTransport: URLSessionTransport())
        if let seed = arguments.value("seed") {
            guard let kind = SandboxSeed(rawValue: seed) else { throw UsageError(CLIMessages.invalidSandboxSeed(seed)) }
            configuration.seed = kind
        }
        configuration.contacts = try arguments.integer("contacts", range: 0...10_000_000)
        if let key = arguments.value("api-key") {
            guard SandboxConfiguration.isWellFormedAPIKey(key) else { throw UsageError(CLIMessages.invalidSandboxKey) }
            configuration.apiKey = key
        }
        return configuration
    }
}

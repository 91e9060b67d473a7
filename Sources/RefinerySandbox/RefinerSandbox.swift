public import RefineryHTTP
import Foundation
import RefineryJSON
import Synchronization

/// A stateful, in-memory Refiner API (`/v1/...`) with test controls (`/_sandbox/...`). An
/// `HTTPHandler`: use it in-process through `InProcessTransport`, or over sockets with `SandboxServer`.
///
/// Every request runs under one lock against a value-type store, so requests are serialized and the
/// answers deterministic; JSON is serialized and webhooks are sent outside the lock.
public final class RefinerSandbox: HTTPHandler {
    public let configuration: SandboxConfiguration
    let store: Mutex<SandboxStore>
    let limiter: Mutex<RateLimiter>
    let faults: Mutex<FaultState>
    let inbox = Mutex(SandboxInbox())
    let dispatcher: WebhookDispatcher

    public init(configuration: SandboxConfiguration = .init()) {
        self.configuration = configuration
        self.store = Mutex(SandboxSeeder(configuration: configuration).makeStore())
        self.limiter = Mutex(RateLimiter(limits: configuration.rateLimits))
        self.faults = Mutex(FaultState(seed: configuration.randomSeed))
        self.dispatcher = WebhookDispatcher(
            transport: configuration.webhookTransport, clock: configuration.clock, policy: configuration.webhookPolicy
        )
    }

    /// Where the stand-ins for tools outside Refiner receive: `/_sandbox/inbox/<name>` on the sandbox, or
    /// any path on `http://<name>.inbox.sandbox.invalid` in-process (see `SandboxInbox`).
    public static let inboxPath = "/_sandbox/inbox"
    public static let inboxDomain = "inbox.sandbox.invalid"

    /// The stand-in's URL for the connection `name` (in-process: the path stays `/`, as a webhook URL's).
    public static func inboxURL(for name: String) -> String {
        let label = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return "http://\(label.isEmpty ? "connection" : label).\(inboxDomain)/"
    }

    /// The inbox a request is for, by host or by path; nil when it is for the API or the controls.
    static func inboxName(_ request: HTTPRequest) -> String? {
        if let host = URLComponents(string: request.target)?.host?.lowercased(), host.hasSuffix("." + inboxDomain) {
            return String(host.dropLast(inboxDomain.count + 1))
        }
        let path = request.path
        guard path == inboxPath || path.hasPrefix(inboxPath + "/") else { return nil }
        return String(path.dropFirst(inboxPath.count).drop { $0 == "/" })
    }

    /// The one valid API key.
    public var apiKey: String { configuration.apiKey }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if let name = Self.inboxName(request) {
            return inbox.withLock { $0.receive(request, name: name, at: configuration.clock.now) }
        }
        if path == "/_sandbox" || path.hasPrefix("/_sandbox/") {
            return await handleControl(request)
        }
        guard path == "/v1" || path.hasPrefix("/v1/") else {
            return SandboxError.notFound("Not found: the Refiner API lives under /v1").response
        }
        if let injected = await injectFaults() { return injected }
        let now = configuration.clock.now
        do {
            let parameters = try SandboxParameters(request: request)
            try Authentication.check(request, parameters: parameters, expected: configuration.apiKey)
            try admit(parameters, now: now)
            let (value, events) = try store.withLock { store throws(SandboxError) in
                store.usage.apiRequests += 1
                let value = try SandboxRouter.route(request.method, path: path, parameters: parameters, now: now, store: &store)
                return (value, store.takeOutbox())
            }
            dispatch(events)
            return .json(value)
        } catch {
            return error.response
        }
    }

    func admit(_ parameters: SandboxParameters, now: Date) throws(SandboxError) {
        let user = ["id", "email", "uuid"].lazy.compactMap { (try? parameters.string($0)) ?? nil }.first
        if let retryAfter = limiter.withLock({ $0.admit(user: user, at: now) }) {
            throw .tooManyRequests(retryAfter: retryAfter)
        }
    }

    /// Sends each event to its subscribers (in the background, with retries).
    func dispatch(_ events: [WebhookEvent]) {
        guard !events.isEmpty else { return }
        let now = configuration.clock.now
        let deliveries = store.withLock { store in store.plannedDeliveries(for: events, at: now) }
        for delivery in deliveries {
            dispatcher.deliver(delivery) { [self] record in
                store.withLock { $0.record(record) }
            }
        }
    }

    /// Waits until every webhook delivery started so far has succeeded or used up its attempts.
    public func waitForWebhookDeliveries() async {
        await dispatcher.waitUntilIdle()
    }
}

extension RefinerSandbox {
    /// Contacts in the store now.
    public var contactCount: Int { store.withLock { $0.liveContactCount } }
}

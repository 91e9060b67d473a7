import Foundation
import RefineryHTTP
import RefineryJSON
import Synchronization

/// `/_sandbox/...`: test and demo controls (no API key needed). See docs/refiner.md.
extension RefinerSandbox {
    func handleControl(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            let parameters = try SandboxParameters(request: request)
            let path = String(request.path.dropFirst("/_sandbox".count))
            if request.method == .get, path == "/deliveries", try parameters.bool("wait", default: false) {
                await waitForWebhookDeliveries()
            }
            let now = configuration.clock.now
            let (value, events) = try route(request.method, path, parameters, now: now)
            dispatch(events)
            return .json(value)
        } catch {
            return error.response
        }
    }

    func route(_ method: HTTPMethod, _ path: String, _ parameters: SandboxParameters, now: Date) throws(SandboxError) -> (JSONValue, [WebhookEvent]) {
        switch (method, path) {
        case (.get, "/state"): return (store.withLock { $0.stateJSON() }, [])
        case (.post, "/reset"): return (try reset(parameters), [])
        case (.get, "/faults"): return (faults.withLock { $0.json }, [])
        case (.post, "/faults"): return (try setFaults(parameters), [])
        case (.get, "/webhooks"): return (store.withLock { .array($0.webhooks.map(\.json)) }, [])
        case (.post, "/webhooks"): return (try store.withLock { store throws(SandboxError) in try store.registerWebhook(parameters) }, [])
        case (.delete, "/webhooks"): return (try store.withLock { store throws(SandboxError) in try store.removeWebhook(parameters) }, [])
        case (.get, "/deliveries"): return (store.withLock { .array($0.deliveries.map(\.json)) }, [])
        case (.post, "/complete-survey"):
            return try store.withLock { store throws(SandboxError) in
                let value = try store.completeSurvey(parameters, now: now)
                return (value, store.takeOutbox())
            }
        default:
            throw .notFound("Not found: sandbox controls are /_sandbox/state, reset, faults, webhooks, deliveries, complete-survey, inbox")
        }
    }

    /// Rebuilds the data from the configuration (optionally another `seed` and `contacts`); webhooks
    /// and faults are cleared.
    func reset(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        var configuration = configuration
        if let seed = try parameters.string("seed") {
            guard let kind = SandboxSeed(rawValue: seed) else { throw .validation("The seed field must be demo or empty") }
            configuration.seed = kind
        }
        if let contacts = try parameters.int("contacts", in: 0...1_000_000) { configuration.contacts = contacts }
        let fresh = SandboxSeeder(configuration: configuration).makeStore()
        store.withLock { $0 = fresh }
        limiter.withLock { $0 = RateLimiter(limits: configuration.rateLimits) }
        faults.withLock { $0 = FaultState(seed: configuration.randomSeed) }
        return ["message": "ok", "contacts": .int(fresh.liveContactCount), "responses": .int(fresh.responseOrder.count)]
    }

    func setFaults(_ parameters: SandboxParameters) throws(SandboxError) -> JSONValue {
        let latency = try parameters.int("latency_ms", in: 0...600_000)
        let rate = try ratio("error_rate", in: parameters)
        let malformed = try ratio("malformed_rate", in: parameters)
        let forced = try parameters.int("force_429", in: 0...1_000_000)
        let retryAfter = try parameters.int("retry_after", in: 1...86_400)
        return faults.withLock { faults in
            if let latency { faults.latencySeconds = Double(latency) / 1000 }
            if let rate { faults.errorRate = rate }
            if let malformed { faults.malformedRate = malformed }
            if let forced { faults.forcedRateLimits = forced }
            if let retryAfter { faults.retryAfter = retryAfter }
            return faults.json
        }
    }

    func ratio(_ name: String, in parameters: SandboxParameters) throws(SandboxError) -> Double? {
        try parameters.string(name).map { text throws(SandboxError) -> Double in
            guard let rate = Double(text), (0...1).contains(rate) else { throw .validation("The \(name) field must be a number from 0 to 1") }
            return rate
        }
    }

    /// Sleeps the injected latency (on the sandbox clock) and picks an injected error, if any.
    func injectFaults() async -> HTTPResponse? {
        let (latency, error) = faults.withLock { faults in (faults.latencySeconds, faults.decide()) }
        if latency > 0 { try? await configuration.clock.sleep(seconds: latency) }
        return error
    }
}

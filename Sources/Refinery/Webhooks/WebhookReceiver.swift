import Foundation
public import RefineryHTTP
import RefineryJSON

/// Where a scenario's webhook deliveries arrive: a path, the secret token, and the journal they go to.
public struct WebhookEndpoint: Sendable {
    public var path: String
    public var scenario: String
    /// The secret expected as `Authorization: Bearer <token>`; nil accepts deliveries without one.
    public var token: String?
    public var journal: DeliveryJournal
    /// Deliveries accepted but not finished beyond which new ones get 429.
    public var capacity: Int

    public init(path: String, scenario: String, token: String?, journal: DeliveryJournal, capacity: Int = 10_000) {
        self.path = path
        self.scenario = scenario
        self.token = token
        self.journal = journal
        self.capacity = capacity
    }
}

/// The HTTP side of `refinery serve`: checks a delivery and makes it durable before answering 2xx.
///
/// 404 unknown path, 405 not POST, 401 missing or wrong token (compared in constant time; nothing is
/// stored), 415/400 not a JSON body, 429 with `Retry-After` when the queue is full, 503 when the journal
/// cannot be written. Size limits, malformed HTTP and slow clients are the server's (`HTTPServerLimits`).
public struct WebhookReceiver: HTTPHandler {
    private let endpoints: [String: WebhookEndpoint]
    private let clock: any RunClock
    private let accepted: @Sendable (WebhookEndpoint, Delivery) -> Void

    /// `accepted` is called after each delivery is on disk (e.g. to wake the scenario's processor).
    public init(
        endpoints: [WebhookEndpoint], clock: any RunClock,
        accepted: @escaping @Sendable (WebhookEndpoint, Delivery) -> Void = { _, _ in }
    ) {
        self.endpoints = Dictionary(endpoints.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.accepted = accepted
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let endpoint = endpoints[request.path] else {
            return Self.error(404, "no scenario listens on '\(request.path)'")
        }
        guard request.method == .post else {
            return Self.error(405, "webhooks are delivered with POST", headers: ["Allow": "POST"])
        }
        guard request.headers.values("Authorization").count <= 1 else {
            // Which of two credentials counts differs between proxies and servers: refuse the ambiguity.
            return Self.error(400, "more than one Authorization header: send exactly one")
        }
        guard Self.isAuthorized(request, token: endpoint.token) else {
            return Self.error(401, "missing or wrong token: send 'Authorization: Bearer <token>'", headers: ["WWW-Authenticate": "Bearer"])
        }
        guard let payload = try? JSONValue(parsing: request.body) else {
            return Self.error(400, "the body is not valid JSON")
        }
        do {
            let delivery = try await endpoint.journal.accept(payload, receivedAt: clock.now, capacity: endpoint.capacity)
            accepted(endpoint, delivery)
            return .json(["accepted": true, "id": .int(delivery.id)])
        } catch is DeliveryJournal.Full {
            return Self.error(429, "the queue of scenario '\(endpoint.scenario)' is full", headers: ["Retry-After": "30"])
        } catch {
            return Self.error(503, "the delivery could not be stored; retry later", headers: ["Retry-After": "5"])
        }
    }

    static func isAuthorized(_ request: HTTPRequest, token: String?) -> Bool {
        guard let token else { return true }
        guard let header = request.headers["Authorization"] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return ConstantTime.equals(String(parts[1]).trimmingCharacters(in: .whitespaces), token)
    }

    static func error(_ status: Int, _ message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        .json(["error": .string(message)], status: status, headers: headers)
    }
}

import Foundation
public import RefineryHTTP
import RefineryJSON

/// Where a scenario's webhook deliveries arrive: a path, the secret token, and the journal they go to.
public struct WebhookEndpoint: Sendable {
    /// How a sender proves it may deliver, and what it may send.
    public enum Kind: Sendable, Hashable {
        /// Refiner's webhooks: `POST` of JSON with `Authorization: Bearer <token>`.
        case bearer
        /// Make's custom webhook: the token is the last segment of the path (`/hooks/<scenario>/<token>`),
        /// any of JSON, form fields or a query string, by `POST` or `GET`; optionally an API key in the
        /// `x-make-apikey` header, as Make's webhook API-key check.
        case custom(apiKey: String?)
    }

    public var path: String
    public var scenario: String
    /// The secret: the Bearer token, or a custom webhook's path segment; nil accepts deliveries without one.
    public var token: String?
    public var kind: Kind
    public var journal: any DeliveryLog
    /// Deliveries accepted but not finished beyond which new ones get 429.
    public var capacity: Int
    /// With a `gateway:WebhookRespond` in the scenario: the answers to wait for, and for how long.
    public var answers: WebhookAnswers?
    public var respondTimeout: Double

    public init(
        path: String, scenario: String, token: String?, kind: Kind = .bearer, journal: any DeliveryLog, capacity: Int = 10_000,
        answers: WebhookAnswers? = nil, respondTimeout: Double = 180
    ) {
        self.path = path
        self.scenario = scenario
        self.token = token
        self.kind = kind
        self.journal = journal
        self.capacity = capacity
        self.answers = answers
        self.respondTimeout = respondTimeout
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
        if let endpoint = endpoints[Self.scenarioPath(request.path)], case .custom(let apiKey) = endpoint.kind {
            return await handleCustom(request, endpoint: endpoint, apiKey: apiKey)
        }
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
        return await accept(payload, endpoint: endpoint)
    }

    /// A custom webhook: the token in the path (a wrong one is a path nobody listens on: 404, as for any
    /// unknown hook), the optional API key, then any payload `WebhookPayload` reads.
    private func handleCustom(_ request: HTTPRequest, endpoint: WebhookEndpoint, apiKey: String?) async -> HTTPResponse {
        let given = String(request.path.dropFirst(endpoint.path.count + 1))
        guard request.path.hasPrefix(endpoint.path + "/"), let token = endpoint.token, ConstantTime.equals(given, token) else {
            return Self.error(404, "no scenario listens on '\(endpoint.path)/...'")
        }
        guard request.method == .post || request.method == .get else {
            return Self.error(405, "custom webhooks are delivered with POST or GET", headers: ["Allow": "POST, GET"])
        }
        if let apiKey, !ConstantTime.equals(request.headers["x-make-apikey"] ?? "", apiKey) {
            return Self.error(401, "missing or wrong API key: send it in the 'x-make-apikey' header")
        }
        guard let payload = WebhookPayload.of(request) else {
            return Self.error(400, "the body is not valid JSON (send JSON, form fields or a query string)")
        }
        return await accept(payload, endpoint: endpoint)
    }

    /// `/hooks/<scenario>` of `/hooks/<scenario>/<anything>`.
    static func scenarioPath(_ path: String) -> String {
        let segments = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        return segments.count >= 3 ? "/" + segments[1] + "/" + segments[2].prefix { $0 != "/" } : path
    }

    private func accept(_ payload: JSONValue, endpoint: WebhookEndpoint) async -> HTTPResponse {
        do {
            let delivery = try await endpoint.journal.accept(payload, receivedAt: clock.now, capacity: endpoint.capacity)
            guard let answers = endpoint.answers else {
                accepted(endpoint, delivery)
                return .json(["accepted": true, "id": .int(delivery.id)])
            }
            answers.expect(delivery.id)
            accepted(endpoint, delivery)
            return Self.response(await answers.wait(for: delivery.id, seconds: endpoint.respondTimeout), delivery: delivery, endpoint: endpoint)
        } catch is DeliveryJournal.Full {
            return Self.error(429, "the queue of scenario '\(endpoint.scenario)' is full", headers: ["Retry-After": "30"])
        } catch {
            return Self.error(503, "the delivery could not be stored; retry later", headers: ["Retry-After": "5"])
        }
    }

    /// The sender's answer: the scenario's, or (it gave none, or not in time) the delivery's acceptance
    /// and why. The delivery is on disk either way.
    static func response(_ outcome: WebhookAnswers.Outcome, delivery: Delivery, endpoint: WebhookEndpoint) -> HTTPResponse {
        switch outcome {
        case .answered(let answer):
            return HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
        case .noAnswer:
            return .json(["accepted": true, "id": .int(delivery.id)])
        case .timedOut:
            let seconds = Int(endpoint.respondTimeout)
            return .json(["accepted": true, "id": .int(delivery.id), "message": .string("the scenario gave no answer within \(seconds) s; it goes on")], status: 202)
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

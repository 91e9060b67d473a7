import Foundation

/// Which 3xx answers a client follows, and what crosses to another origin (make-format.md §2.1:
/// `followRedirects`, `followAllRedirects`; Refinery: `crossOriginRedirects`).
///
/// Credentials go only to the origin of the first request: a redirect to another origin is refused
/// (the default) or followed without them; a redirect from https to http is always refused.
public struct RedirectPolicy: Sendable, Hashable {
    /// What a redirect to another origin (scheme, host or port) does.
    public enum CrossOrigin: String, Sendable, Hashable, CaseIterable {
        /// Fails with `RedirectRefused`, naming both origins.
        case refuse
        /// Follows it without credentials: no `Authorization`, `Proxy-Authorization` or `Cookie`, and
        /// no header or query parameter that carries a secret.
        case withoutCredentials
    }

    /// Follow 3xx answers to GET and HEAD (`followRedirects`, default true).
    public var followsSafeMethods: Bool
    /// Follow 3xx answers to other methods (`followAllRedirects`, default true).
    public var followsOtherMethods: Bool
    public var crossOrigin: CrossOrigin
    /// Redirects one request may take before it fails (default 10, as curl's and browsers' 20 or less).
    public var maxRedirects: Int

    public init(followsSafeMethods: Bool = true, followsOtherMethods: Bool = true, crossOrigin: CrossOrigin = .refuse, maxRedirects: Int = 10) {
        self.followsSafeMethods = followsSafeMethods
        self.followsOtherMethods = followsOtherMethods
        self.crossOrigin = crossOrigin
        self.maxRedirects = maxRedirects
    }

    func follows(_ method: HTTPMethod) -> Bool {
        method == .get || method == .head ? followsSafeMethods : followsOtherMethods
    }
}

/// A redirect that was not followed because following it could leak credentials or never end.
public struct RedirectRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case crossOrigin, downgrade, tooMany(Int), invalidLocation
    }

    public var reason: Reason
    public var status: Int
    /// Origins only (`https://api.refiner.io`): never a path or a query, which may carry a secret.
    public var from: String
    public var to: String

    public var description: String {
        switch reason {
        case .crossOrigin:
            "\(from) answered \(status) redirecting to another origin, \(to); the credentials are not sent there (set crossOriginRedirects to \"withoutCredentials\" to follow it without them)"
        case .downgrade:
            "\(from) answered \(status) redirecting from https to http (\(to)); refused"
        case .tooMany(let count):
            "\(from) redirected more than \(count) times; stopped at a redirect to \(to)"
        case .invalidLocation:
            "\(from) answered \(status) with a Location that is not an http(s) URL"
        }
    }
}

/// Follows redirects by a `RedirectPolicy`, one hop at a time through `send` (so each hop is retried,
/// recorded and replayed like any request). The transports themselves never follow a redirect.
public struct RedirectFollower: Sendable {
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    public var policy: RedirectPolicy
    /// Whether a header or query value carries a secret (the connection's secrets, known to the caller).
    public let isSecret: @Sendable (String) -> Bool

    public init(policy: RedirectPolicy = RedirectPolicy(), isSecret: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.policy = policy
        self.isSecret = isSecret
    }

    /// Sends `request` and follows the redirects the policy allows; returns the first answer that is not
    /// a followed redirect.
    public func send(
        _ request: HTTPRequest, through send: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let origin = Origin(request.target)
        var current = request
        var redirects = 0
        while true {
            let response = try await send(current)
            guard let next = try nextRequest(after: response, to: current, credentialOrigin: origin, redirects: redirects) else {
                return response
            }
            current = next
            redirects += 1
        }
    }

    /// The request a redirect leads to, nil when `response` is not one to follow.
    func nextRequest(after response: HTTPResponse, to request: HTTPRequest, credentialOrigin: Origin?, redirects: Int) throws(RedirectRefused) -> HTTPRequest? {
        guard Self.redirectStatuses.contains(response.status), policy.follows(request.method),
              let location = response.headers["Location"] else { return nil }
        let from = Origin(request.target)
        let fromText = from?.description ?? "the server"
        guard let target = Self.resolve(location, against: request.target), let to = Origin(target) else {
            throw RedirectRefused(reason: .invalidLocation, status: response.status, from: fromText, to: "")
        }
        func refuse(_ reason: RedirectRefused.Reason) -> RedirectRefused {
            RedirectRefused(reason: reason, status: response.status, from: fromText, to: to.description)
        }
        if from?.scheme == "https", to.scheme == "http" { throw refuse(.downgrade) }
        if redirects >= policy.maxRedirects { throw refuse(.tooMany(policy.maxRedirects)) }
        var next = Self.redirected(request, status: response.status, to: target)
        if to != credentialOrigin {
            guard policy.crossOrigin == .withoutCredentials else { throw refuse(.crossOrigin) }
            next = withoutCredentials(next)
        }
        return next
    }

    /// The request a redirect makes of `request`: 303 (and 301/302 after POST) turn it into a GET
    /// without a body, as browsers and curl do; 307 and 308 keep method and body.
    static func redirected(_ request: HTTPRequest, status: Int, to target: String) -> HTTPRequest {
        var next = request
        next.target = target
        let becomesGet = (status == 303 && request.method != .head) || ((status == 301 || status == 302) && request.method == .post)
        if becomesGet {
            next.method = request.method == .head ? .head : .get
            next.body = []
            next.headers.remove("Content-Type")
            next.headers.remove("Content-Length")
        }
        return next
    }

    /// `request` without credential headers and without any header or query parameter carrying a secret.
    func withoutCredentials(_ request: HTTPRequest) -> HTTPRequest {
        var next = request
        var headers = HTTPHeaders()
        for field in request.headers where !Self.credentialHeaders.contains(field.name.lowercased()) && !isSecret(field.value) {
            headers.add(field.name, field.value)
        }
        next.headers = headers
        let query = request.query
        if !query.isEmpty {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
                !isSecret(String(pair)) && !isSecret(FormURLEncoding.decode(String(pair)).first?.value ?? "")
            }
            let base = request.target.prefix { $0 != "?" }
            next.target = kept.isEmpty ? String(base) : base + "?" + kept.joined(separator: "&")
        }
        return next
    }

    /// `location` (absolute or relative) resolved against `base`; nil unless it is http(s).
    static func resolve(_ location: String, against base: String) -> String? {
        guard let url = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: URL(string: base)),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else { return nil }
        return url.absoluteString
    }
}

/// An origin as RFC 6454 defines it: scheme, host and port (the default port when none is written).
struct Origin: Hashable, CustomStringConvertible {
    let scheme: String
    let host: String
    let port: Int

    init?(_ target: String) {
        guard let components = URLComponents(string: target), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    var description: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)" + (port == defaultPort ? "" : ":\(port)")
    }
}

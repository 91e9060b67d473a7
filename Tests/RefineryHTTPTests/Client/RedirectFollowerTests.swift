import RefineryHTTP
import Synchronization
import Testing

/// Two origins in one process: the API, which answers with a redirect, and a receiver that logs every
/// byte it is sent, so a test can scan it for the secret.
final class RedirectingOrigins: Sendable {
    static let secret = "sk_live_redirect_secret_0042"
    let status: Int
    let location: String
    private let log = Mutex<[HTTPRequest]>([])

    init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    /// Requests that reached anything but the first origin.
    var elsewhere: [HTTPRequest] { log.withLock { $0 } }

    /// Everything sent elsewhere, as text: targets, headers and bodies.
    var elsewhereText: String {
        elsewhere.map { request in
            request.target + request.headers.map { "\($0.name): \($0.value)" }.joined() + String(decoding: request.body, as: UTF8.self)
        }.joined(separator: "\n")
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.target.hasPrefix("https://api.refiner.io/v1/") {
            return HTTPResponse(status: status, headers: ["Location": location], body: [])
        }
        log.withLock { $0.append(request) }
        return HTTPResponse(status: 200, headers: [:], body: Array(#"{"ok":true}"#.utf8))
    }

    static func request(_ method: HTTPMethod = .get) -> HTTPRequest {
        HTTPRequest(
            method: method, target: "https://api.refiner.io/v1/responses?page=1&api_key=\(secret)",
            headers: ["Authorization": "Bearer \(secret)", "X-Refiner-Key": secret, "Accept": "application/json", "Content-Type": "application/json"],
            body: method == .get ? [] : Array(#"{"a":1}"#.utf8)
        )
    }
}

@Suite struct RedirectFollowerTests {
    static let statuses = [301, 302, 303, 307, 308]

    static func follower(_ crossOrigin: RedirectPolicy.CrossOrigin = .refuse) -> RedirectFollower {
        RedirectFollower(policy: RedirectPolicy(crossOrigin: crossOrigin)) { $0.contains(RedirectingOrigins.secret) }
    }

    @Test(arguments: statuses)
    func aRedirectToAnotherOriginIsRefusedByDefaultNamingBothOrigins(status: Int) async throws {
        let origins = RedirectingOrigins(status: status, location: "https://collector.example:8443/steal")
        let refused = try await #require(throws: RedirectRefused.self) {
            try await Self.follower().send(RedirectingOrigins.request(), through: origins.send)
        }
        #expect(refused.reason == .crossOrigin)
        #expect(refused.status == status)
        #expect(refused.description.contains("https://api.refiner.io"))
        #expect(refused.description.contains("https://collector.example:8443"))
        #expect(!refused.description.contains(RedirectingOrigins.secret))
        #expect(origins.elsewhere.isEmpty)
    }

    @Test(arguments: statuses)
    func aRedirectToAnotherOriginCanBeFollowedWithoutCredentials(status: Int) async throws {
        let origins = RedirectingOrigins(status: status, location: "https://collector.example/steal?from=refiner")
        let response = try await Self.follower(.withoutCredentials).send(RedirectingOrigins.request(.post), through: origins.send)
        #expect(response.status == 200)
        let received = try #require(origins.elsewhere.first)
        #expect(received.target == "https://collector.example/steal?from=refiner")
        #expect(received.headers["Authorization"] == nil)
        #expect(received.headers["Accept"] == "application/json")
        #expect(!origins.elsewhereText.contains(RedirectingOrigins.secret))
    }

    @Test(arguments: statuses)
    func aRedirectWithinTheOriginKeepsTheCredentials(status: Int) async throws {
        let origins = RedirectingOrigins(status: status, location: "/v2/responses?page=1")
        let seen = Mutex<[HTTPRequest]>([])
        let response = try await Self.follower().send(RedirectingOrigins.request()) { request in
            seen.withLock { $0.append(request) }
            return request.target.hasPrefix("https://api.refiner.io/v2/") ? HTTPResponse(status: 200, headers: [:], body: []) : try await origins.send(request)
        }
        #expect(response.status == 200)
        let second = try #require(seen.withLock { $0.last })
        #expect(second.target == "https://api.refiner.io/v2/responses?page=1")
        #expect(second.headers["Authorization"] == "Bearer \(RedirectingOrigins.secret)")
    }

    @Test(arguments: statuses)
    func aRedirectFromHTTPSToHTTPIsAlwaysRefused(status: Int) async throws {
        let origins = RedirectingOrigins(status: status, location: "http://api.refiner.io/v1/responses")
        for crossOrigin in RedirectPolicy.CrossOrigin.allCases {
            let refused = try await #require(throws: RedirectRefused.self) {
                try await Self.follower(crossOrigin).send(RedirectingOrigins.request(), through: origins.send)
            }
            #expect(refused.reason == .downgrade)
        }
        #expect(origins.elsewhere.isEmpty)
    }

    @Test func seeOtherAndPostRedirectsBecomeGetWithoutABody() async throws {
        for (status, method) in [(303, HTTPMethod.post), (303, .put), (301, .post), (302, .post)] {
            let origins = RedirectingOrigins(status: status, location: "https://other.example/done")
            _ = try await Self.follower(.withoutCredentials).send(RedirectingOrigins.request(method), through: origins.send)
            let received = try #require(origins.elsewhere.first)
            #expect(received.method == .get, "\(status) after \(method)")
            #expect(received.body.isEmpty)
            #expect(received.headers["Content-Type"] == nil)
        }
        for status in [307, 308] {
            let origins = RedirectingOrigins(status: status, location: "https://other.example/done")
            _ = try await Self.follower(.withoutCredentials).send(RedirectingOrigins.request(.post), through: origins.send)
            #expect(origins.elsewhere.first?.method == .post)
            #expect(origins.elsewhere.first?.body == Array(#"{"a":1}"#.utf8))
        }
    }

    @Test func followRedirectsFalseReturnsTheRedirectItself() async throws {
        let origins = RedirectingOrigins(status: 302, location: "https://other.example/x")
        let follower = RedirectFollower(policy: RedirectPolicy(followsSafeMethods: false, followsOtherMethods: true))
        let response = try await follower.send(RedirectingOrigins.request(), through: origins.send)
        #expect(response.status == 302)
        #expect(origins.elsewhere.isEmpty)
    }

    @Test func aRedirectLoopStopsAtTheLimit() async throws {
        let hops = Mutex(0)
        let refused = try await #require(throws: RedirectRefused.self) {
            try await Self.follower().send(RedirectingOrigins.request()) { _ in
                hops.withLock { $0 += 1 }
                return HTTPResponse(status: 302, headers: ["Location": "/v1/again"], body: [])
            }
        }
        #expect(refused.reason == .tooMany(10))
        #expect(hops.withLock { $0 } == 11)
    }

    @Test(arguments: ["ftp://files.example/x", "javascript:alert(1)", "https://"])
    func aLocationThatIsNotHTTPIsRefused(location: String) async throws {
        let origins = RedirectingOrigins(status: 302, location: location)
        let refused = try await #require(throws: RedirectRefused.self) {
            try await Self.follower(.withoutCredentials).send(RedirectingOrigins.request(), through: origins.send)
        }
        #expect(refused.reason == .invalidLocation)
    }

    @Test func otherStatusesAndMissingLocationsAreReturned() async throws {
        for (status, location) in [(300, "https://other.example/"), (304, "https://other.example/"), (302, "")] {
            let response = try await Self.follower().send(RedirectingOrigins.request()) { _ in
                HTTPResponse(status: status, headers: location.isEmpty ? [:] : ["Location": location], body: [])
            }
            #expect(response.status == status)
        }
    }
}

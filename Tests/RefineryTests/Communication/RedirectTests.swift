import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Redirects through the interpreter: the connection's credentials (the `Authorization` header and a
/// secret query parameter) reach only the connection's own origin.
@Suite struct RedirectTests {
    static func harness(_ extra: String = "") throws -> InterpreterHarness {
        try InterpreterHarness(module: module("search", communication: #"""
        {"url": "/contacts", "qs": {"key": "{{connection.apiKey}}"}\#(extra), "response": {"iterate": "{{body.items}}"}}
        """#)) { request in
            request.target.hasPrefix("https://api.test/")
                ? HTTPResponse(status: 302, headers: ["Location": "https://elsewhere.test/contacts?key=\(InterpreterHarness.apiKey)&page=2"], body: [])
                : .json(["items": [["id": 1]]])
        }
    }

    @Test func aCrossOriginRedirectIsAConnectionErrorNamingBothOrigins() async throws {
        let harness = try Self.harness()
        let error = try #require(await harness.error())
        #expect(error.kind == .connection)
        #expect(error.code == "http.redirect-refused")
        #expect(error.status == 302)
        #expect(error.message.contains("https://api.test"))
        #expect(error.message.contains("https://elsewhere.test"))
        #expect(!error.message.contains(InterpreterHarness.apiKey))
        #expect(harness.transport.requests.count == 1)
    }

    @Test func withoutCredentialsFollowsWithNeitherTheHeaderNorTheKey() async throws {
        let harness = try Self.harness(#", "crossOriginRedirects": "withoutCredentials""#)
        let outputs = try await harness.run()
        #expect(outputs == [["id": 1]])
        let followed = try #require(harness.transport.requests.last)
        #expect(followed.target == "https://elsewhere.test/contacts?page=2")
        #expect(followed.headers["Authorization"] == nil)
        #expect(!followed.headers.contains { $0.value.contains(InterpreterHarness.apiKey) })
    }

    @Test func followRedirectsFalseHandsTheRedirectToTheResponse() async throws {
        let harness = try Self.harness(#", "followRedirects": false"#)
        // The 302 itself is the response; it is no page of the list, so iterating it fails.
        let error = try #require(await harness.error())
        #expect(error.code == "response.not-a-page")
        #expect(error.status == 302)
        #expect(harness.transport.requests.count == 1)
    }

    @Test func theBaseSettingAppliesUnlessTheRequestSaysOtherwise() {
        var base = RedirectSettings()
        base.crossOrigin = .withoutCredentials
        base.followRedirects = false
        var own = RedirectSettings()
        own.followRedirects = true
        let policy = own.policy(over: base)
        #expect(policy.crossOrigin == .withoutCredentials)
        #expect(policy.followsSafeMethods)
        #expect(RedirectSettings().policy(over: RedirectSettings()) == RedirectPolicy())
    }
}


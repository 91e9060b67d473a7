import Foundation
import RefineryHTTP
import RefineryJSON
import Testing

@Suite("Redaction")
struct RedactionTests {
    static func recordedBytes(_ requests: [HTTPRequest], redactor: Redactor) async throws -> [UInt8] {
        let file = ReplayFixtures.temporaryFile()
        let session = CassetteSession.record(to: file, live: InProcessTransport(handler: FakeAPI()), clock: VirtualRunClock(), redactor: redactor)
        _ = try await ReplayFixtures.run(requests, through: session.transport)
        try session.finish()
        return try ReplayFixtures.bytes(of: file)
    }

    @Test func noSecretInAnyFormReachesTheCassette() async throws {
        let bytes = try await Self.recordedBytes(ReplayFixtures.script, redactor: try ReplayFixtures.redactor())
        let forms = [
            FakeAPI.apiKey, FakeAPI.password, "hunter2%20and%20more", "hunter2+and+more",
            Data(FakeAPI.apiKey.utf8).base64EncodedString(), "session-token-that-is-secret",
        ]
        for form in forms { #expect(!ReplayFixtures.contains(bytes, form), "found \(form)") }
        #expect(ReplayFixtures.contains(bytes, "authenticated with key <redacted> ok"))
        #expect(ReplayFixtures.contains(bytes, "\"authorization\": \"<redacted>\""))
        #expect(ReplayFixtures.contains(bytes, "api_key=<redacted>&x=1"))
        #expect(ReplayFixtures.contains(bytes, "plain <redacted> text"))
    }

    @Test func theCassetteListsWhatWasRedactedByNameOnly() async throws {
        let bytes = try await Self.recordedBytes(ReplayFixtures.script, redactor: try ReplayFixtures.redactor())
        let cassette = try Cassette(bytes: bytes)
        let listed = cassette.redactions.map { "\($0.kind.rawValue) \($0.name) \($0.places.joined(separator: ","))" }
        #expect(listed == [
            "secret connection.apiKey response.body",
            "secret password request.body,response.body",
            "path request.headers.authorization request.headers",
            "path request.qs.api_key request.url",
            "path response.body.token response.body",
        ])
    }

    @Test(arguments: [
        ("Authorization", "Basic " + Data("\(FakeAPI.apiKey):".utf8).base64EncodedString()),
        ("Cookie", "session=abc; key=\(FakeAPI.apiKey)"),
        ("X-API-Key", "anything"),
    ])
    func alwaysRedactedHeadersAreKeptAsRedacted(name: String, value: String) async throws {
        var request = ReplayFixtures.get("/v1/counter")
        request.headers.remove("authorization")
        request.headers[name] = value
        let redactor = try Redactor(secrets: [.init(name: "connection.apiKey", value: FakeAPI.apiKey)])
        let bytes = try await Self.recordedBytes([request], redactor: redactor)
        #expect(ReplayFixtures.contains(bytes, "\"\(name.lowercased())\": \"<redacted>\""))
        #expect(!ReplayFixtures.contains(bytes, value))
    }

    @Test func secretsInsideStringsPercentEncodedAndBasicCredentialsAreReplaced() async throws {
        let redactor = try Redactor(secrets: [.init(name: "key", value: "s3cr3t value")])
        let basic = Data("s3cr3t value:".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: .post, target: "https://x.test/a?q=s3cr3t%20value&r=s3cr3t+value",
            headers: ["Content-Type": "text/plain", "X-Debug": "basic \(basic)"],
            body: Array("prefix-s3cr3t value-suffix".utf8)
        )
        let recorder = RecordingTransport(wrapping: Echo(), redactor: redactor, clock: VirtualRunClock(), options: .init(requestHeaders: ["x-debug", "content-type"]))
        let recorded = try await RecordingTransportProbe.record(request, through: recorder)
        #expect(recorded.url == "https://x.test/a?q=<redacted>&r=<redacted>")
        #expect(recorded.headers["x-debug"] == "basic <redacted>")
        #expect(recorded.body == .text("prefix-<redacted>-suffix"))
    }

    @Test func sanitizePathsMaskJSONBodiesThroughArrays() async throws {
        let redactor = try Redactor(sanitize: ["request.body.items.card", "response.body.token"])
        let body: JSONValue = ["items": [["card": 4111, "n": 1], ["card": "x", "n": 2]], "card": "top"]
        let request = HTTPRequest(method: .post, target: "/p", headers: ["Content-Type": "application/json"], body: body.serializedBytes())
        let recorded = try await RecordingTransportProbe.record(request, through: RecordingTransport(wrapping: Echo(), redactor: redactor, clock: VirtualRunClock()))
        #expect(recorded.body == .json(["items": [["card": "<redacted>", "n": 1], ["card": "<redacted>", "n": 2]], "card": "top"]))
    }

    @Test func urlencodedBodiesHaveNamedParametersRedacted() async throws {
        let request = HTTPRequest(
            method: .post, target: "/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("grant_type=password&password=pw1234&client_secret=abc&user=ann".utf8)
        )
        let recorder = RecordingTransport(wrapping: Echo(), redactor: .standard, clock: VirtualRunClock())
        let recorded = try await RecordingTransportProbe.record(request, through: recorder)
        #expect(recorded.body == .text("grant_type=password&password=<redacted>&client_secret=<redacted>&user=ann"))
    }

    @Test(arguments: ["request.nothing.x", "request.qs", "response.qs.token", "headers.authorization", "request.headers.a.b"])
    func malformedSanitizePathsAreRefused(path: String) {
        #expect(throws: CassetteError.self) { try Redactor(sanitize: [path]) }
    }

    @Test func makeValueFormIsAcceptedAndLeftToTheEngine() throws {
        _ = try Redactor(sanitize: ["request.body<parameters.secret>"])
    }

    @Test func shortSecretsAreRefusedAndEmptyOnesIgnored() throws {
        #expect(throws: CassetteError(.shortSecret(secretName: "pin"), "secret 'pin' is shorter than 4 bytes, too short to redact reliably; refusing to record")) {
            try Redactor(secrets: [.init(name: "pin", value: "123")])
        }
        #expect(try Redactor(secrets: [.init(name: "unset", value: "")]).secrets.isEmpty)
    }
}

/// Answers every request with its own body, as JSON when it is JSON.
struct Echo: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": request.headers["content-type"] ?? "text/plain"], body: request.body)
    }
}

/// Sends one request through a recorder and returns its stored form.
enum RecordingTransportProbe {
    static func record(_ request: HTTPRequest, through recorder: RecordingTransport) async throws -> RecordedRequest {
        _ = try await recorder.send(request)
        return try #require(recorder.cassette().interactions.first).request
    }
}

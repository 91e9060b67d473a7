import Foundation
@testable import RefineryHTTP
import RefineryJSON
import Testing

@Suite("Replay matching and mismatch diffs")
struct MismatchTests {
    static func replaying(_ requests: [HTTPRequest]) async throws -> CassetteSession {
        let file = ReplayFixtures.temporaryFile()
        let recording = CassetteSession.record(
            to: file, live: InProcessTransport(handler: FakeAPI()), clock: VirtualRunClock(), redactor: try ReplayFixtures.redactor()
        )
        _ = try await ReplayFixtures.run(requests, through: recording.transport)
        try recording.finish()
        return try CassetteSession.replay(from: file, redactor: try ReplayFixtures.redactor())
    }

    static func mismatch(_ request: HTTPRequest, in session: CassetteSession) async throws -> ReplayMismatch {
        do {
            _ = try await session.transport.send(request)
        } catch let mismatch as ReplayMismatch {
            return mismatch
        }
        throw CassetteError(.invalid, "the request matched")
    }

    @Test func matchingIgnoresQueryOrderHeadersHostAndRedactedValues() async throws {
        let session = try await Self.replaying(ReplayFixtures.script)
        var request = HTTPRequest(method: .get, target: "http://127.0.0.1:9/v1/text?x=1&api_key=another-key", headers: ["Authorization": "Bearer other"])
        request.headers.add("X-Extra", "1")
        let response = try await session.transport.send(request)
        #expect(response.status == 200)
        let body = ReplayFixtures.post("/v1/identify-user", ["n": 1.0, "password": "changed", "email": "ann@example.com"])
        #expect(try await session.transport.send(body).status == 200)
    }

    @Test func aDifferentQueryValueIsShownAgainstTheClosestInteraction() async throws {
        let session = try await Self.replaying(ReplayFixtures.script)
        let mismatch = try await Self.mismatch(ReplayFixtures.get("/v1/contacts?page=3&page_length=3&sort=asc"), in: session)
        #expect(mismatch.code == "replay.unmatched-request")
        #expect(mismatch.closest == 0)
        #expect(mismatch.message == """
            no recorded interaction matches GET /v1/contacts?page=3&page_length=3&sort=asc
              closest: interaction 1, GET /v1/contacts?page=1&page_length=3
                query 'page': recorded "1", sent "3"
                query 'sort': recorded nothing, sent "asc"
            """)
    }

    @Test func aDifferentBodyShowsOnlyTheMembersThatDiffer() async throws {
        let session = try await Self.replaying(ReplayFixtures.script)
        let request = ReplayFixtures.post("/v1/identify-user", ["email": "bob@example.com", "password": .string(FakeAPI.password), "extra": [1, 2]])
        let mismatch = try await Self.mismatch(request, in: session)
        #expect(mismatch.message == """
            no recorded interaction matches POST /v1/identify-user
              closest: interaction 3, POST /v1/identify-user
                body /email: recorded "ann@example.com", sent "bob@example.com"
                body /n: recorded 1, sent nothing
                body /extra: recorded nothing, sent [1,2]
            """)
        #expect(!mismatch.message.contains(FakeAPI.password))
    }

    @Test func aDifferentMethodOrPathIsNamed() async throws {
        let session = try await Self.replaying([ReplayFixtures.get("/v1/counter")])
        let deleted = try await Self.mismatch(HTTPRequest(method: .delete, target: "/v1/counter"), in: session)
        #expect(deleted.differences == [.method(recorded: "GET", sent: "DELETE")])
        let elsewhere = try await Self.mismatch(ReplayFixtures.get("/v1/counters"), in: session)
        #expect(elsewhere.message.hasSuffix("path: recorded /v1/counter, sent /v1/counters"))
    }

    @Test func secretsInTheSentRequestNeverReachTheMessage() async throws {
        let session = try await Self.replaying([ReplayFixtures.get("/v1/counter")])
        let mismatch = try await Self.mismatch(ReplayFixtures.get("/v1/counter?api_key=\(FakeAPI.apiKey)&q=\(FakeAPI.apiKey)"), in: session)
        #expect(!mismatch.message.contains(FakeAPI.apiKey))
        #expect(mismatch.message.contains(#"query 'q': recorded nothing, sent "<redacted>""#))
    }

    @Test func anEmptyCassetteSaysSo() async throws {
        let session = try await Self.replaying([])
        let mismatch = try await Self.mismatch(ReplayFixtures.get("/v1/counter"), in: session)
        #expect(mismatch.closest == nil)
        #expect(mismatch.message == "no recorded interaction matches GET /v1/counter\n  the cassette has no interactions")
    }

    @Test func runningOutOfRepeatsIsExhaustedNotUnmatched() async throws {
        let session = try await Self.replaying([ReplayFixtures.get("/v1/counter")])
        _ = try await session.transport.send(ReplayFixtures.get("/v1/counter"))
        let mismatch = try await Self.mismatch(ReplayFixtures.get("/v1/counter"), in: session)
        #expect(mismatch.code == "replay.exhausted")
        #expect(mismatch.message == "the 1 recorded interaction matching GET /v1/counter already replayed; the run sent it more often than the recording did")
    }

    @Test(arguments: [
        ("<redacted>", "anything", true),
        ("Bearer <redacted>", "Bearer abc", true),
        ("Bearer <redacted>", "Basic abc", false),
        ("a<redacted>b<redacted>c", "a1b2c", true),
        ("a<redacted>b<redacted>c", "a1c2b", false),
        ("plain", "plain", true),
        ("plain", "plainer", false),
    ])
    func redactedValuesMatchAnyText(recorded: String, sent: String, matches: Bool) {
        let old = RecordedRequest(method: .get, url: "/x?v=" + recorded)
        let new = RecordedRequest(method: .get, url: "/x?v=" + sent)
        #expect(RequestMatcher.matches(recorded: old, sent: new) == matches)
    }
}

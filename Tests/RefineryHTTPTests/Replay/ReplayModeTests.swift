import Foundation
import RefineryHTTP
import RefineryJSON
import Synchronization
import Testing

/// A live transport that counts what reaches it.
final class CountingTransport: HTTPTransport {
    let inner = InProcessTransport(handler: FakeAPI())
    private let sent = Mutex(0)

    var count: Int { sent.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        sent.withLock { $0 += 1 }
        return try await inner.send(request)
    }
}

@Suite("Replay modes")
struct ReplayModeTests {
    static let first = ReplayFixtures.get("/v1/contacts?page=1")
    static let second = ReplayFixtures.get("/v1/contacts?page=2")

    static func session(_ file: URL, _ mode: ReplayMode, _ live: CountingTransport) throws -> CassetteSession {
        try CassetteSession.replay(from: file, mode: mode, live: live, liveClock: VirtualRunClock(), redactor: try ReplayFixtures.redactor())
    }

    /// A cassette holding only the first page.
    static func cassetteWithFirstPage() async throws -> URL {
        let file = ReplayFixtures.temporaryFile()
        let session = try session(file, .all, CountingTransport())
        _ = try await session.transport.send(first)
        try session.finish()
        return file
    }

    @Test func noneReplaysOnlyAndNeverTouchesTheNetwork() async throws {
        let file = try await Self.cassetteWithFirstPage()
        let live = CountingTransport()
        let session = try Self.session(file, .none, live)
        #expect(session.isReplaying)
        #expect(try await session.transport.send(Self.first).status == 200)
        await #expect(throws: ReplayMismatch.self) { try await session.transport.send(Self.second) }
        #expect(live.count == 0)
        #expect(try session.finish().wrote == false)
    }

    @Test func noneWithoutACassetteIsAnError() throws {
        #expect(throws: CassetteError.self) { try CassetteSession.replay(from: ReplayFixtures.temporaryFile()) }
    }

    @Test func onceRecordsWhenTheCassetteIsMissingThenReplays() async throws {
        let file = ReplayFixtures.temporaryFile()
        let live = CountingTransport()
        let recording = try Self.session(file, .once, live)
        #expect(!recording.isReplaying)
        _ = try await recording.transport.send(Self.first)
        #expect(try recording.finish().wrote)
        #expect(live.count == 1)

        let replaying = try Self.session(file, .once, live)
        #expect(replaying.isReplaying)
        _ = try await replaying.transport.send(Self.first)
        await #expect(throws: ReplayMismatch.self) { try await replaying.transport.send(Self.second) }
        #expect(live.count == 1)
    }

    @Test func newEpisodesReplaysKnownRequestsAndAppendsUnknownOnes() async throws {
        let file = try await Self.cassetteWithFirstPage()
        let before = try CassetteFile.read(file)
        let live = CountingTransport()
        let session = try Self.session(file, .newEpisodes, live)
        _ = try await session.transport.send(Self.first)
        let fresh = try await session.transport.send(Self.second)
        #expect(try fresh.jsonBody()["items"]?[0]?["id"] == 201)
        #expect(live.count == 1)
        let summary = try session.finish()
        #expect(summary.wrote && summary.recorded == 1)
        let after = try CassetteFile.read(file)
        #expect(after.interactions.count == 2)
        #expect(after.interactions[0] == before.interactions[0])
        #expect(after.interactions[1].request.url == "https://api.example.com/v1/contacts?page=2")
        #expect(after.start == before.start)
        #expect(!ReplayFixtures.contains(try ReplayFixtures.bytes(of: file), FakeAPI.apiKey))
    }

    @Test func newEpisodesWithNothingNewLeavesTheFileAlone() async throws {
        let file = try await Self.cassetteWithFirstPage()
        let before = try ReplayFixtures.bytes(of: file)
        let session = try Self.session(file, .newEpisodes, CountingTransport())
        _ = try await session.transport.send(Self.first)
        #expect(try session.finish().wrote == false)
        #expect(try ReplayFixtures.bytes(of: file) == before)
    }

    @Test func allRecordsEverythingAndReplacesTheCassette() async throws {
        let file = try await Self.cassetteWithFirstPage()
        let live = CountingTransport()
        let session = try Self.session(file, .all, live)
        #expect(!session.isReplaying)
        _ = try await session.transport.send(Self.second)
        try session.finish()
        #expect(live.count == 1)
        let after = try CassetteFile.read(file)
        #expect(after.interactions.map(\.request.url) == ["https://api.example.com/v1/contacts?page=2"])
    }

    @Test(arguments: [ReplayMode.once, .newEpisodes, .all])
    func modesThatRecordNeedALiveTransport(mode: ReplayMode) throws {
        #expect(throws: CassetteError.self) { try CassetteSession.replay(from: ReplayFixtures.temporaryFile(), mode: mode) }
    }

    @Test func originsAreRewrittenSoEphemeralPortsDoNotChurn() async throws {
        let file = ReplayFixtures.temporaryFile()
        let options = RecordingOptions(origins: ["http://127.0.0.1:54321": "https://api.refiner.io"])
        let session = CassetteSession.record(
            to: file, live: InProcessTransport(handler: FakeAPI()), clock: VirtualRunClock(), redactor: try ReplayFixtures.redactor(), options: options
        )
        var request = Self.first
        request.target = "http://127.0.0.1:54321/v1/contacts?page=1"
        _ = try await session.transport.send(request)
        try session.finish()
        #expect(try CassetteFile.read(file).interactions[0].request.url == "https://api.refiner.io/v1/contacts?page=1")
    }
}

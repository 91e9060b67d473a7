import Foundation
import RefineryHTTP
import RefineryJSON
import Testing

@Suite("Record and replay")
struct RecordReplayTests {
    /// Records the fixture script against the fake API on a virtual clock; returns the file and live responses.
    static func recordScript() async throws -> (file: URL, live: [HTTPResponse]) {
        let file = ReplayFixtures.temporaryFile()
        let clock = VirtualRunClock(now: Date(timeIntervalSince1970: 1_767_225_600.1237))
        let slow = SlowTransport(inner: InProcessTransport(handler: FakeAPI()), clock: clock, latency: 0.0113)
        let session = CassetteSession.record(to: file, live: slow, clock: clock, redactor: try ReplayFixtures.redactor())
        let live = try await ReplayFixtures.run(ReplayFixtures.script, through: session.transport)
        let summary = try session.finish()
        #expect(summary.wrote && summary.recorded == ReplayFixtures.script.count)
        return (file, live)
    }

    @Test func startAndOffsetsAreCutToTheMillisecond() async throws {
        let cassette = try CassetteFile.read(try await Self.recordScript().file)
        #expect(cassette.start == Date(timeIntervalSince1970: 1_767_225_600.123))
        #expect(cassette.interactions.map(\.offset) == [0.012, 0.023, 0.034, 0.045, 0.057, 0.068])
    }

    @Test func replayServesTheRecordedResponsesWithoutTheHandler() async throws {
        let (file, live) = try await Self.recordScript()
        let session = try CassetteSession.replay(from: file)
        #expect(session.isReplaying)
        let replayed = try await ReplayFixtures.run(ReplayFixtures.script, through: session.transport)
        #expect(replayed.map(\.status) == live.map(\.status))
        for index in [0, 1, 3, 4] {
            #expect(replayed[index].body == live[index].body)
            #expect(replayed[index].headers["content-type"] == live[index].headers["content-type"])
            #expect(replayed[index].headers["date"] == nil)
        }
        let identified = try replayed[2].jsonBody()
        #expect(identified["received"]?["email"] == "ann@example.com")
        #expect(identified["token"] == "<redacted>")
        #expect(identified["debug"] == "authenticated with key <redacted> ok")
        #expect(try session.finish().unused.isEmpty)
    }

    @Test func repeatedIdenticalRequestsReplayInRecordedOrder() async throws {
        let (file, _) = try await Self.recordScript()
        let session = try CassetteSession.replay(from: file)
        let first = try await session.transport.send(ReplayFixtures.get("/v1/counter"))
        let second = try await session.transport.send(ReplayFixtures.get("/v1/counter"))
        #expect(try first.jsonBody()["count"] == 1)
        #expect(try second.jsonBody()["count"] == 2)
        await #expect(throws: ReplayMismatch.self) { try await session.transport.send(ReplayFixtures.get("/v1/counter")) }
    }

    @Test func unusedInteractionsAreReported() async throws {
        let (file, _) = try await Self.recordScript()
        let session = try CassetteSession.replay(from: file)
        _ = try await session.transport.send(ReplayFixtures.get("/v1/contacts?page=2&page_length=3"))
        let unused = try session.finish().unused
        #expect(unused.map(\.index) == [0, 2, 3, 4, 5])
        #expect(unused.first?.request == "GET /v1/contacts?page=1&page_length=3")
    }

    @Test func reRecordingAReplayGivesTheSameBytes() async throws {
        let (file, _) = try await Self.recordScript()
        let original = try ReplayFixtures.bytes(of: file)
        for _ in 0..<2 {
            let replay = try CassetteSession.replay(from: file)
            let copy = ReplayFixtures.temporaryFile()
            let rerecord = CassetteSession.record(
                to: copy, live: replay.transport, clock: replay.clock, redactor: try ReplayFixtures.redactor()
            )
            _ = try await ReplayFixtures.run(ReplayFixtures.script, through: rerecord.transport)
            try rerecord.finish()
            #expect(try ReplayFixtures.bytes(of: copy) == original)
        }
    }

    @Test func anHourOfRetryAfterReplaysOnVirtualTime() async throws {
        let file = ReplayFixtures.temporaryFile()
        let recordingClock = VirtualRunClock()
        let recording = CassetteSession.record(
            to: file, live: InProcessTransport(handler: FakeAPI()), clock: recordingClock, redactor: try ReplayFixtures.redactor()
        )
        let live = try await ReplayFixtures.sendRetrying(ReplayFixtures.get("/v1/limited"), through: recording.transport, clock: recordingClock)
        try recording.finish()
        #expect(live.status == 200)
        let cassette = try CassetteFile.read(file)
        #expect(cassette.interactions.map(\.offset) == [0, 3600])
        #expect(cassette.interactions[0].response?.headers["retry-after"] == "3600")

        let replay = try CassetteSession.replay(from: file)
        let clock = try #require(replay.clock as? VirtualRunClock)
        let start = clock.now
        let replayed = try await ReplayFixtures.sendRetrying(ReplayFixtures.get("/v1/limited"), through: replay.transport, clock: clock)
        #expect(replayed.status == 200)
        #expect(clock.sleeps == [3600])
        #expect(clock.now.timeIntervalSince(start) == 3600)
    }

    @Test func recordedTimeAdvancesTheReplayClock() async throws {
        let file = ReplayFixtures.temporaryFile()
        let clock = VirtualRunClock()
        let recording = CassetteSession.record(
            to: file, live: InProcessTransport(handler: FakeAPI()), clock: clock, redactor: try ReplayFixtures.redactor()
        )
        _ = try await recording.transport.send(ReplayFixtures.get("/v1/counter"))
        clock.advance(seconds: 2.5)
        _ = try await recording.transport.send(ReplayFixtures.get("/v1/counter"))
        try recording.finish()

        let replay = try CassetteSession.replay(from: file)
        #expect(replay.clock.now == clock.now.addingTimeInterval(-2.5))
        _ = try await replay.transport.send(ReplayFixtures.get("/v1/counter"))
        _ = try await replay.transport.send(ReplayFixtures.get("/v1/counter"))
        #expect(replay.clock.now == clock.now)
    }

    @Test func transportFailuresAreRecordedAndReplayed() async throws {
        struct Refusing: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                throw HTTPTransportError(.connectionFailed, "connection refused: \(request.target)")
            }
        }
        let file = ReplayFixtures.temporaryFile()
        let recording = CassetteSession.record(to: file, live: Refusing(), clock: VirtualRunClock(), redactor: try ReplayFixtures.redactor())
        let request = ReplayFixtures.get("/v1/text?api_key=\(FakeAPI.apiKey)")
        await #expect(throws: HTTPTransportError.self) { try await recording.transport.send(request) }
        try recording.finish()
        #expect(!ReplayFixtures.contains(try ReplayFixtures.bytes(of: file), FakeAPI.apiKey))

        let replay = try CassetteSession.replay(from: file)
        await #expect(throws: HTTPTransportError(.connectionFailed, "connection refused: https://api.example.com/v1/text?api_key=<redacted>")) {
            try await replay.transport.send(request)
        }
    }
}

/// Takes `latency` seconds of virtual time per request, like a network would.
struct SlowTransport: HTTPTransport {
    let inner: any HTTPTransport
    let clock: VirtualRunClock
    let latency: Double

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        clock.advance(seconds: latency)
        return try await inner.send(request)
    }
}

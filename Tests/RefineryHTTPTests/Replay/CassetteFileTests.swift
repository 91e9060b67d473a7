import Foundation
import RefineryHTTP
import RefineryJSON
import Testing

@Suite("Cassette files")
struct CassetteFileTests {
    static let secret = Redactor.Secret(name: "connection.apiKey", value: "sk_live_planted")

    static func cassette(withHeader value: String) -> Cassette {
        let request = RecordedRequest(method: .get, url: "https://x.test/a", headers: ["x-note": value])
        let response = RecordedResponse(status: 200, body: .json(["ok": true]))
        return Cassette(start: Date(timeIntervalSince1970: 1_767_225_600), interactions: [
            Interaction(request: request, outcome: .response(response), offset: 0),
        ])
    }

    @Test(arguments: [
        "sk_live_planted",
        "before sk_live_planted after",
        "sk%5flive%5Fplanted",
        "\"sk_live_planted\"",
        "Basic " + Data("sk_live_planted:".utf8).base64EncodedString(),
        "Basic " + Data("sk_live_planted".utf8).base64EncodedString(),
    ])
    func aPlantedSecretFailsTheWriteAndLeavesNoFile(planted: String) throws {
        let file = ReplayFixtures.temporaryFile()
        #expect(throws: CassetteError(.secretFound(secretName: "connection.apiKey"), "the recording still contains the value of secret 'connection.apiKey'; nothing was written to '\(file.path)'")) {
            try CassetteFile.write(Self.cassette(withHeader: planted), to: file, secrets: [Self.secret])
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)) ?? []
        #expect(left.isEmpty)
    }

    @Test func aFailedWriteLeavesAnExistingCassetteAlone() throws {
        let file = ReplayFixtures.temporaryFile()
        try CassetteFile.write(Self.cassette(withHeader: "clean"), to: file, secrets: [Self.secret])
        let before = try ReplayFixtures.bytes(of: file)
        #expect(throws: CassetteError.self) {
            try CassetteFile.write(Self.cassette(withHeader: "sk_live_planted"), to: file, secrets: [Self.secret])
        }
        #expect(try ReplayFixtures.bytes(of: file) == before)
    }

    @Test func theMarkerItselfIsNoFalseAlarm() throws {
        let file = ReplayFixtures.temporaryFile()
        let secret = Redactor.Secret(name: "word", value: "dacted")
        try CassetteFile.write(Self.cassette(withHeader: "<redacted>"), to: file, secrets: [secret])
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func theEncodingIsStableAndReadable() throws {
        let request = RecordedRequest(
            method: .post, url: "https://x.test/v1/a?b=1",
            headers: ["content-type": "application/json", "authorization": "<redacted>"],
            body: .json(["z": 1, "a": [true, nil]])
        )
        let response = RecordedResponse(status: 201, headers: ["content-type": "text/plain"], body: .text("ok"))
        let failure = HTTPTransportError(.timedOut, "timed out")
        let cassette = Cassette(
            start: Date(timeIntervalSince1970: 1_767_225_600.25),
            interactions: [
                Interaction(request: request, outcome: .response(response), offset: 0.125),
                Interaction(request: RecordedRequest(method: .get, url: "/b"), outcome: .failure(failure), offset: 3600),
            ],
            redactions: [Redaction(kind: .header, name: "authorization", places: ["request.headers"])]
        )
        let expected = """
        {
          "format": "refinery-cassette",
          "version": 1,
          "start": "2026-01-01T00:00:00.250Z",
          "redactions": [
            {
              "kind": "header",
              "name": "authorization",
              "places": [
                "request.headers"
              ]
            }
          ],
          "interactions": [
            {
              "offset": 0.125,
              "request": {
                "method": "POST",
                "url": "https://x.test/v1/a?b=1",
                "headers": {
                  "authorization": "<redacted>",
                  "content-type": "application/json"
                },
                "json": {
                  "z": 1,
                  "a": [
                    true,
                    null
                  ]
                }
              },
              "response": {
                "status": 201,
                "headers": {
                  "content-type": "text/plain"
                },
                "text": "ok"
              }
            },
            {
              "offset": 3600,
              "request": {
                "method": "GET",
                "url": "/b"
              },
              "failure": {
                "kind": "timedOut",
                "message": "timed out"
              }
            }
          ]
        }

        """
        #expect(String(decoding: cassette.encoded(), as: UTF8.self) == expected)
        let decoded = try Cassette(bytes: cassette.encoded())
        #expect(decoded.encoded() == cassette.encoded())
        #expect(decoded.interactions[0].request.headers["Authorization"] == "<redacted>")
    }

    @Test(arguments: [RecordedBody.empty, .json(["a": 1]), .text("plain"), .binary([0xFF, 0x00, 0xFE])])
    func everyBodyKindRoundTrips(body: RecordedBody) throws {
        let request = RecordedRequest(method: .put, url: "/x", body: body)
        let cassette = Cassette(start: Date(timeIntervalSince1970: 0), interactions: [
            Interaction(request: request, outcome: .response(RecordedResponse(status: 204, body: body)), offset: 1.5),
        ])
        #expect(try Cassette(bytes: cassette.encoded()) == cassette)
    }

    @Test(arguments: [
        ("[]", "cassette.invalid", "/: missing member 'version'"),
        (#"{"version": 2}"#, "cassette.unsupported-version", "format version 2"),
        (#"{"version": 1, "format": "vcr"}"#, "cassette.invalid", "/format: expected \"refinery-cassette\""),
        (#"{"version": 1, "format": "refinery-cassette", "start": "yesterday"}"#, "cassette.invalid", "/start: expected a timestamp"),
        (#"{"version": 1, "format": "refinery-cassette", "start": "2026-01-01T00:00:00.000Z", "interactions": [{"offset": 0, "request": {"method": "GET", "url": "/"}}]}"#,
         "cassette.invalid", "/interactions/0: an interaction needs a 'response' or a 'failure'"),
        (#"{"version": 1, "format": "refinery-cassette", "start": "2026-01-01T00:00:00.000Z", "interactions": [{"offset": 0, "request": {"method": "GET", "url": "/", "json": 1, "text": "x"}, "response": {"status": 200}}]}"#,
         "cassette.invalid", "/interactions/0/request: a body is one of"),
        ("{", "cassette.invalid", "is not a valid cassette"),
    ])
    func invalidCassettesAreRejectedWithAPointer(text: String, code: String, fragment: String) {
        do {
            _ = try Cassette(bytes: Array(text.utf8), path: "t.cassette.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == code)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func aMissingCassetteIsNotFound() {
        let file = ReplayFixtures.temporaryFile()
        #expect(throws: CassetteError(.notFound, "no cassette at '\(file.path)'; record one with --record, or replay with --mode once to record it now")) {
            try CassetteFile.read(file)
        }
    }
}

import Foundation
import RefineryCLI
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Echoes the credentials it was sent, in every encoding, in a JSON body.
struct CredentialEchoingAPI: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let sent = [request.headers["Authorization"] ?? "", request.headers["X-Api-Key"] ?? ""].filter { !$0.isEmpty }
        let echoes = sent.flatMap { SecretEchoes.forms(of: String($0.split(separator: " ").last ?? "")) }
        return .json(["received": .array(echoes.map(JSONValue.string)), "path": .string(request.path)])
    }
}

/// `http:MakeRequest` through the CLI: a named connection from `REFINERY_HTTP_*` reaches a loopback API,
/// and its secret stays out of the report, the trace and the cassette; the cassette replays without it.
@Suite struct MakeRequestCLITests {
    static let token = "tok_live/0123+456789abcdef"

    static let scenario = """
    {"name": "Notify", "flow": [
      {"id": 1, "module": "http:MakeRequest", "version": 4,
       "parameters": {"authenticationType": "bearer", "bearerKeychain": "crm"},
       "mapper": {"url": "URL/notify", "method": "get", "parseResponse": true, "stopOnHttpError": true}}],
     "metadata": {}}
    """

    @Test func aRecordedRunKeepsTheTokenOutOfReportTraceAndCassetteAndReplaysWithoutIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let api = try HTTPServer(handler: CredentialEchoingAPI(), port: 0)
        try api.start()
        try folder.write("notify.json", Self.scenario.replacingOccurrences(of: "URL", with: api.baseURL))
        let live = CLIHarness(environment: ["REFINERY_HTTP_CRM_TOKEN": Self.token, "NO_COLOR": "1"], workingDirectory: folder.path)
        let recorded = await live.run("run", "notify.json", "--record", "notify.cassette.json", "--json", "--trace")
        await api.stop()
        #expect(recorded.code == .success, "\(recorded.stderr)")
        #expect(recorded.stderr.contains("<redacted>"), "the trace shows the echoed token masked: \(recorded.stderr)")
        let cassette = try String(contentsOfFile: folder.path + "/notify.cassette.json", encoding: .utf8)
        #expect(cassette.contains("/notify"))
        for (text, place) in [(recorded.stdout, "the report"), (recorded.stderr, "the trace"), (cassette, "the cassette")] {
            #expect(!SecretEchoes.reveal(Self.token, in: text), "the token reached \(place)")
        }
        let replayed = await CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: folder.path)
            .run("run", "notify.json", "--replay", "notify.cassette.json", "--json")
        #expect(replayed.code == .success, "\(replayed.stdout)\(replayed.stderr)")
    }

    @Test func aMissingConnectionFailsTheRunNamingTheVariable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("notify.json", Self.scenario.replacingOccurrences(of: "URL", with: "http://127.0.0.1:9"))
        let outcome = await CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: folder.path).run("run", "notify.json")
        #expect(outcome.code != .success)
        #expect((outcome.stdout + outcome.stderr).contains("REFINERY_HTTP_CRM_TOKEN"), "\(outcome.stdout)\(outcome.stderr)")
    }
}

import Foundation
import RefineryCLI
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// An API posing as Refiner that echoes the key it was sent in every encoding: in the responses it
/// lists (`GET /v1/responses`) and in the error body of everything else.
struct EchoingAPI: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let key = String((request.headers["Authorization"] ?? "").dropFirst("Bearer ".count))
        let echoes = SecretEchoes.forms(of: key)
        guard request.method == .get, request.path == "/v1/responses" else {
            let body = "debug: request rejected\n" + echoes.map { "seen: \($0)" }.joined(separator: "\n")
            return HTTPResponse(status: 500, headers: ["Content-Type": "text/plain"], body: Array(body.utf8))
        }
        let item: JSONValue = [
            "uuid": "8f0b2a3e-1c4d-4e5f-9a6b-7c8d9e0f1a2b",
            "last_data_reception_at": "2026-12-01T10:00:00.000000Z",
            "data": ["echo": .array(echoes.map(JSONValue.string)), "note": .string(echoes.joined(separator: " | "))],
        ]
        return .json(["items": [item], "pagination": [:]])
    }
}

/// Whatever the API echoes, the key never reaches output, reports, traces, cassettes or state.
@Suite struct EchoedSecretTests {
    static let key = "rk_live/echo+0123 456789abcdef"

    func harness(_ api: HTTPServer, in folder: TemporaryFolder) -> CLIHarness {
        CLIHarness(environment: ["REFINER_API_KEY": Self.key, "REFINER_BASE_URL": api.baseURL + "/v1", "NO_COLOR": "1"], workingDirectory: folder.path)
    }

    func expectNoKey(_ text: String, _ place: String) {
        #expect(!SecretEchoes.reveal(Self.key, in: text), "the key reached \(place): \(text.prefix(2000))")
        for form in SecretEchoes.forms(of: Self.key) {
            #expect(!text.contains(form.replacingOccurrences(of: "Basic ", with: "")), "\(place) holds \(form)")
        }
    }

    @Test func callOutputAndErrorsCarryNoEchoedKey() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let api = try HTTPServer(handler: EchoingAPI(), port: 0)
        try api.start()
        let cli = harness(api, in: folder)
        let listed = await cli.run("call", "refiner:listResponses", "--data", #"{"limit": 1}"#, "--json", "--modules", ServeCommandTests.modules)
        let tagged = await cli.run("call", "refiner:tagResponse", "--data", #"{"uuid": "8f0b2a3e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "tags": ["x"]}"#, "--modules", ServeCommandTests.modules)
        await api.stop()
        #expect(listed.code == .success, "\(listed.stderr)")
        #expect(listed.stdout.contains("<redacted>"))
        #expect(tagged.code == .failure)
        #expect(tagged.stderr.contains("[500]"), "\(tagged.stderr)")
        expectNoKey(listed.stdout + listed.stderr, "call output")
        expectNoKey(tagged.stdout + tagged.stderr, "call error")
    }

    @Test func aRunKeepsTheEchoedKeyOutOfReportTraceCassetteAndState() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("echo.json", """
        {"name": "Echo", "flow": [
          {"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": 1}},
          {"id": 2, "module": "refiner:tagResponse", "mapper": {"uuid": "{{1.uuid}}", "tags": ["x"]}}],
         "metadata": {"scenario": {"dlq": true}}}
        """)
        let api = try HTTPServer(handler: EchoingAPI(), port: 0)
        try api.start()
        let outcome = await harness(api, in: folder).run(
            "run", "echo.json", "--record", "echo.cassette.json", "--state", "state", "--json", "--trace", "--modules", ServeCommandTests.modules
        )
        await api.stop()
        #expect(outcome.code == .failure, "\(outcome.stderr)")
        let cassette = try String(contentsOfFile: folder.path + "/echo.cassette.json", encoding: .utf8)
        let state = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/state").filter { $0.hasSuffix(".json") }
            .map { try String(contentsOfFile: folder.path + "/state/" + $0, encoding: .utf8) }.joined()
        #expect(outcome.stdout.contains("seen: <redacted>"), "the report shows the error body")
        #expect(outcome.stderr.contains("<redacted>"), "the trace shows the bundle")
        #expect(state.contains("8f0b2a3e"), "the incomplete execution is stored")
        expectNoKey(outcome.stdout, "the run report")
        expectNoKey(outcome.stderr, "the trace")
        expectNoKey(cassette, "the cassette")
        expectNoKey(state, "the state")
    }
}

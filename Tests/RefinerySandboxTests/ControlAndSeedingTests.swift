import Foundation
import RefineryTesting
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct ControlAndSeedingTests {
    @Test func seedsTheSameDataForTheSameConfiguration() async {
        let first = await SandboxHarness().call(.get, "/_sandbox/state").body
        let second = await SandboxHarness().call(.get, "/_sandbox/state").body
        #expect(first == second)
        #expect(first["contacts"]?.arrayValue?.count == 300)
        #expect(first["responses"]?.arrayValue?.count == 3000)
        #expect(first["forms"]?.arrayValue?.count == 10)
    }

    @Test(arguments: [(SandboxSeed.empty, nil, 0), (.empty, 50, 50), (.demo, 20, 20)] as [(SandboxSeed, Int?, Int)])
    func honoursSeedAndContactCount(seed: SandboxSeed, contacts: Int?, expected: Int) async {
        let body = await SandboxHarness(seed: seed, contacts: contacts).call(.get, "/v1/contacts").body
        #expect(body["pagination"]?["items_count"]?.intValue == expected)
    }

    /// `responses` sets the demo seed's response count apart from its contacts (benchmarks list many
    /// responses without seeding millions of contacts); the empty seed has none whatever it says.
    @Test(arguments: [(SandboxSeed.demo, 20, 1234, 1234), (.demo, 20, nil, 200), (.empty, 20, 50, 0)] as [(SandboxSeed, Int?, Int?, Int)])
    func honoursTheResponseCount(seed: SandboxSeed, contacts: Int?, responses: Int?, expected: Int) async throws {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: seed, contacts: contacts, responses: responses))
        let state = await sandbox.handle(HTTPRequest(method: .get, target: "/_sandbox/state", headers: ["Authorization": "Bearer \(sandbox.apiKey)"]))
        #expect(try JSONValue(parsing: state.body)["responses"]?.arrayValue?.count == expected)
    }

    @Test func resetsToTheSeedOrAnother() async {
        let harness = SandboxHarness()
        await harness.call(.post, "/v1/identify-user", json: ["id": "extra"])
        #expect(await harness.call(.get, "/v1/contacts").body["pagination"]?["items_count"] == 301)
        let reset = await harness.call(.post, "/_sandbox/reset")
        #expect(reset.body["contacts"] == 300)
        #expect(await harness.call(.get, "/v1/contacts").body["pagination"]?["items_count"] == 300)
        await harness.call(.post, "/_sandbox/reset", json: ["seed": "empty"])
        #expect(await harness.call(.get, "/v1/contacts").body["pagination"]?["items_count"] == 0)
        #expect(await harness.call(.post, "/_sandbox/reset", json: ["seed": "huge"]).status == 400)
    }

    @Test func managesFormsThroughTheAPI() async throws {
        let harness = SandboxHarness()
        let form = try #require(await harness.call(.get, "/v1/forms").body["items"]?[0]?["uuid"]?.stringValue)
        let copy = await harness.call(.post, "/v1/forms/duplicate", json: ["form_uuid": .string(form), "name": "Copy"]).body
        let newForm = try #require(copy["new_form_uuid"]?.stringValue)
        #expect(copy["source_form_uuid"]?.stringValue == form)
        let drafts = await harness.call(.get, "/v1/forms", query: [("list", "drafts")]).body["items"]?.uuids ?? []
        #expect(drafts.contains(newForm))
        #expect(await harness.call(.post, "/v1/forms/publish", json: ["form_uuid": .string(newForm)]).status == 200)
        #expect(await harness.call(.delete, "/v1/forms", query: [("form_uuid", newForm)]).status == 200)
        let archived = await harness.call(.get, "/v1/forms", query: [("list", "archived")]).body["items"]?.uuids ?? []
        #expect(archived.contains(newForm))
        let history = await harness.call(.get, "/v1/forms/history", query: [("form_uuid", newForm)]).body
        #expect(history["items"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["archived", "published"])
    }

    @Test func servesOverSocketsOnAnEphemeralPort() async throws {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, clock: VirtualRunClock()))
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)/v1")
        let key = sandbox.apiKey
        let answer = try await offPool { [port = server.port] () -> String in
            let socket = try Socket.connect(host: "127.0.0.1", port: port)
            defer { socket.close() }
            _ = socket.sendAll(Array("GET /v1/ HTTP/1.1\r\nAuthorization: Bearer \(key)\r\nConnection: close\r\n\r\n".utf8))
            var all: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while socket.waitReadable(milliseconds: 10_000) == .readable, let count = socket.receive(into: &chunk), count > 0 {
                all += chunk[0..<count]
            }
            return String(decoding: all, as: UTF8.self)
        }
        await server.stop()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.contains("\"project_name\":\"Sandbox\""))
    }
}

import Foundation
import RefineryCLI
import RefineryHTTP
import RefineryJSON
import Synchronization
import Testing

/// A chat webhook on loopback: keeps every request it gets and answers `{"ok": true}`.
final class ChatWebhook: HTTPHandler, Sendable {
    private let storage = Mutex<[HTTPRequest]>([])

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        storage.withLock { $0.append(request) }
        return .json(["ok": true])
    }

    var received: [HTTPRequest] { storage.withLock { $0 } }
}

/// A user's own app beside the built-in Refiner app: under `--sandbox` only Refiner goes to the sandbox,
/// the other app posts to its own (secret) webhook URL; the recording replays with no secret set.
@Suite struct CustomAppSandboxTests {
    static let secretPath = "/hook/T0KEN-s3cr3t-9f8e7d"

    static func writeChatApp(in folder: TemporaryFolder) throws {
        try folder.write("modules/chat/app.json", """
        {"name": "chat", "label": "Chat", "version": "1.0.0",
         "connection": {"type": "apiKey", "label": "Chat webhook", "parameters": [
           {"name": "webhookUrl", "type": "url", "label": "Webhook URL", "required": true, "secret": true, "env": "CHAT_WEBHOOK_URL"}]}}
        """)
        try folder.write("modules/chat/post.json", """
        {"name": "post", "label": "Post a message", "type": "action",
         "expect": [{"name": "text", "type": "text", "label": "Text", "required": true}],
         "communication": {"url": "{{connection.webhookUrl}}", "method": "POST", "body": {"text": "{{parameters.text}}"},
                           "response": {"output": "{{body}}"}}}
        """)
        try folder.write("scenarios/notify.json", """
        {"name": "Notify", "flow": [
          {"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": 2}},
          {"id": 2, "module": "chat:post", "mapper": {"text": "response {{1.uuid}}"}}]}
        """)
    }

    @Test func aCustomAppKeepsItsOwnConnectionUnderSandboxAndReplaysWithoutItsSecret() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeChatApp(in: folder)
        let webhook = ChatWebhook()
        let server = try HTTPServer(handler: webhook, host: "127.0.0.1", port: 0)
        try server.start()
        let secretURL = server.baseURL + Self.secretPath
        let recording = CLIHarness(environment: ["NO_COLOR": "1", "CHAT_WEBHOOK_URL": secretURL], workingDirectory: folder.path)
        let recorded = await recording.run("run", "scenarios/notify.json", "--sandbox", "--max-cycles", "1", "--json",
                                           "--record", "scenarios/notify.cassette.json")
        await server.stop()
        #expect(recorded.code == .success, "\(recorded.stdout)\(recorded.stderr)")
        let posts = webhook.received
        #expect(posts.count == 2)
        #expect(posts.allSatisfy { $0.path == Self.secretPath && $0.method == .post })
        #expect(posts.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains("response ") })
        let cassette = try String(contentsOfFile: folder.path + "/scenarios/notify.cassette.json", encoding: .utf8)
        for text in [recorded.stdout, recorded.stderr, cassette] {
            #expect(!text.contains("T0KEN-s3cr3t"), "the webhook URL is a secret")
        }
        #expect(cassette.contains("/v1/responses"), "the Refiner app went to the sandbox")

        let replaying = CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: folder.path)
        let replayed = await replaying.run("run", "scenarios/notify.json", "--replay", "scenarios/notify.cassette.json", "--json")
        #expect(replayed.code == .success, "\(replayed.stdout)\(replayed.stderr)")
        #expect(try JSONValue(parsing: replayed.stdout) == JSONValue(parsing: recorded.stdout))
        #expect(webhook.received.count == 2, "a replay sends nothing")
    }
}

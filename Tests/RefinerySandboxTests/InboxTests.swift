import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

/// `/_sandbox/inbox`: the stand-in for tools outside Refiner (a Slack incoming webhook, a chat).
@Suite struct InboxTests {
    @Test func aMessageIsAnsweredOkAndListed() async throws {
        let harness = SandboxHarness()
        let sent = await harness.sandbox.handle(HTTPRequest(
            method: .post, target: "/_sandbox/inbox/slack", headers: ["Content-Type": "application/json"], body: Array(#"{"text": "hi"}"#.utf8)
        ))
        #expect(sent.status == 200)
        #expect(String(decoding: sent.body, as: UTF8.self) == "ok")
        _ = await harness.sandbox.handle(HTTPRequest(method: .put, target: "/_sandbox/inbox/crm", headers: [:], body: Array("a=1".utf8)))
        let slack = await harness.call(.get, "/_sandbox/inbox/slack", auth: Auth.none)
        #expect(slack.body.arrayValue?.count == 1)
        #expect(slack.body[0]?["body"] == ["text": "hi"])
        #expect(slack.body[0]?["method"] == "POST")
        let all = await harness.call(.get, "/_sandbox/inbox", auth: Auth.none)
        #expect(all.body.arrayValue?.map { $0["name"] } == ["slack", "crm"])
        #expect(all.body[1]?["body"] == "a=1")
    }

    @Test func aStandInURLReachesTheInboxByItsHost() async throws {
        let harness = SandboxHarness()
        let url = RefinerSandbox.inboxURL(for: "digest-chat")
        #expect(url == "http://digest-chat.inbox.sandbox.invalid/")
        _ = await harness.sandbox.handle(HTTPRequest(method: .post, target: url, headers: [:], body: Array("x".utf8)))
        let listed = await harness.call(.get, "/_sandbox/inbox/digest-chat", auth: Auth.none)
        #expect(listed.body.arrayValue?.count == 1)
    }

    @Test func theInboxKeepsTheNewestThousand() async throws {
        let harness = SandboxHarness()
        for index in 0..<1005 {
            _ = await harness.sandbox.handle(HTTPRequest(method: .post, target: "/_sandbox/inbox/n", headers: [:], body: Array("\(index)".utf8)))
        }
        let listed = await harness.call(.get, "/_sandbox/inbox/n", auth: Auth.none)
        #expect(listed.body.arrayValue?.count == 1000)
        #expect(listed.body[0]?["body"] == "5")
    }
}

private typealias Auth = SandboxHarness.Auth

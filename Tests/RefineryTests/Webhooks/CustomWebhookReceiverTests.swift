import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Make's custom webhook under `serve`: the token is the last segment of the URL, any of JSON, form
/// fields or a query string is the payload, and an API key in `x-make-apikey` can be required.
@Suite struct CustomWebhookReceiverTests {
    static let token = "hook-0123456789abcdef"

    /// The payloads the journal holds, as a restart would find them.
    static func journaled(_ directory: URL) throws -> [JSONValue] {
        try DeliveryJournal.open(at: directory.appendingPathComponent("leads.journal")).1.pending.map(\.payload)
    }

    func receiver(apiKey: String? = nil) throws -> (WebhookReceiver, DeliveryJournal, URL) {
        let directory = FileStateStoreTests.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (journal, _) = try DeliveryJournal.open(at: directory.appendingPathComponent("leads.journal"))
        let endpoint = WebhookEndpoint(path: "/hooks/leads", scenario: "leads", token: Self.token, kind: .custom(apiKey: apiKey), journal: journal)
        return (WebhookReceiver(endpoints: [endpoint], clock: VirtualRunClock()), journal, directory)
    }

    func request(_ target: String, method: HTTPMethod = .post, body: String = "", headers: HTTPHeaders = [:]) -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8))
    }

    @Test func theTokenIsThePathAndAWrongOneIsNotFound() async throws {
        let (receiver, journal, directory) = try receiver()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = await receiver.handle(request("/hooks/leads/\(Self.token)", body: #"{"email": "a@x.io"}"#, headers: ["Content-Type": "application/json"]))
        #expect(json.status == 200)
        for wrong in ["/hooks/leads", "/hooks/leads/hook-0123456789abcdeX", "/hooks/leads/\(Self.token)/more"] {
            let refused = await receiver.handle(request(wrong, body: "{}"))
            #expect(refused.status == 404, "\(wrong)")
            #expect(!String(decoding: refused.body, as: UTF8.self).contains(Self.token))
        }
        _ = journal
        #expect(try Self.journaled(directory) == [["email": "a@x.io"]])
    }

    @Test func formFieldsAndQueryParametersBecomeTheBundle() async throws {
        let (receiver, journal, directory) = try receiver()
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = await receiver.handle(request(
            "/hooks/leads/\(Self.token)?source=ads", body: "email=a%40x.io&tag=vip&tag=new",
            headers: ["Content-Type": "application/x-www-form-urlencoded"]
        ))
        #expect(form.status == 200)
        let query = await receiver.handle(request("/hooks/leads/\(Self.token)?email=b%40x.io", method: .get))
        #expect(query.status == 200)
        let invalid = await receiver.handle(request("/hooks/leads/\(Self.token)", body: "{not json", headers: ["Content-Type": "application/json"]))
        #expect(invalid.status == 400)
        _ = journal
        #expect(try Self.journaled(directory) == [
            ["email": "a@x.io", "tag": ["vip", "new"], "source": "ads"],
            ["email": "b@x.io"],
        ])
    }

    @Test func anAPIKeyIsCheckedWhenSet() async throws {
        let (receiver, _, directory) = try receiver(apiKey: "key-for-the-crm-0001")
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = await receiver.handle(request("/hooks/leads/\(Self.token)", body: "{}"))
        #expect(missing.status == 401)
        let given = await receiver.handle(request("/hooks/leads/\(Self.token)", body: "{}", headers: ["x-make-apikey": "key-for-the-crm-0001"]))
        #expect(given.status == 200)
    }

    /// A sender waiting for a `gateway:WebhookRespond` answer gets it, or the acceptance when the
    /// execution gives none, or 202 with the reason when the wait outlasts `respondTimeout`.
    @Test func aWaitingSenderGetsTheAnswerTheAcceptanceOrA202() async throws {
        let directory = FileStateStoreTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (journal, _) = try DeliveryJournal.open(at: directory.appendingPathComponent("leads.journal"))
        let answers = WebhookAnswers()
        let endpoint = WebhookEndpoint(
            path: "/hooks/leads", scenario: "leads", token: Self.token, kind: .custom(apiKey: nil), journal: journal,
            answers: answers, respondTimeout: 0.05
        )
        let outcomes: [WebhookAnswers.Outcome?] = [.answered(WebhookAnswer(status: 201, headers: ["X-A": "1"], body: Array("ok".utf8))), .noAnswer, nil]
        let receiver = WebhookReceiver(endpoints: [endpoint], clock: VirtualRunClock()) { _, delivery in
            // The execution: answers, ends without an answer, or takes longer than the sender waits.
            if let outcome = outcomes[delivery.id - 1] { answers.resolve(delivery.id, outcome) }
        }
        var statuses: [Int] = []
        for _ in outcomes {
            let response = await receiver.handle(request("/hooks/leads/\(Self.token)", body: "{}"))
            statuses.append(response.status)
        }
        #expect(statuses == [201, 200, 202])
    }
}

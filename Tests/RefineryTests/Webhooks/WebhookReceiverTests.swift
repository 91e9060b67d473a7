import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct WebhookReceiverTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("receiver-\(UUID().uuidString)")

    func makeReceiver(capacity: Int = 10) throws -> (WebhookReceiver, DeliveryJournal, Collector<Int>) {
        let (journal, _) = try DeliveryJournal.open(at: folder.appendingPathComponent("nps.journal"))
        let endpoint = WebhookEndpoint(path: "/hooks/nps", scenario: "nps", token: "s3cret-token", journal: journal, capacity: capacity)
        let seen = Collector<Int>()
        let receiver = WebhookReceiver(endpoints: [endpoint], clock: VirtualRunClock()) { _, delivery in
            seen.append(delivery.id)
        }
        return (receiver, journal, seen)
    }

    func post(_ path: String = "/hooks/nps", auth: String? = "Bearer s3cret-token", body: String = #"{"event":"completed"}"#) -> HTTPRequest {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let auth { headers["Authorization"] = auth }
        return HTTPRequest(method: .post, target: path, headers: headers, body: Array(body.utf8))
    }

    /// The right credentials first, then other ones: which one counts must not be a guess.
    func twoAuthorizations() -> HTTPRequest {
        var request = post()
        request.headers.add("Authorization", "Bearer another-token")
        return request
    }

    struct Rejection: Sendable, CustomStringConvertible {
        let name: String
        let request: HTTPRequest
        let status: Int
        var description: String { name }
    }

    static let rejections: [Rejection] = {
        let base = WebhookReceiverTests()
        return [
            Rejection(name: "unknown path", request: base.post("/hooks/other"), status: 404),
            Rejection(name: "GET", request: HTTPRequest(method: .get, target: "/hooks/nps"), status: 405),
            Rejection(name: "no token", request: base.post(auth: nil), status: 401),
            Rejection(name: "wrong token", request: base.post(auth: "Bearer s3cret-tokem"), status: 401),
            Rejection(name: "prefix of token", request: base.post(auth: "Bearer s3cret"), status: 401),
            Rejection(name: "basic scheme", request: base.post(auth: "Basic s3cret-token"), status: 401),
            Rejection(name: "not JSON", request: base.post(body: "event=completed"), status: 400),
            Rejection(name: "empty body", request: base.post(body: ""), status: 400),
            Rejection(name: "two Authorization headers, the right one first", request: base.twoAuthorizations(), status: 400),
        ]
    }()

    @Test(arguments: rejections)
    func rejectedDeliveriesAreNeverStored(_ rejection: Rejection) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (receiver, journal, seen) = try makeReceiver()
        let response = await receiver.handle(rejection.request)
        #expect(response.status == rejection.status)
        #expect(try response.jsonBody()["error"]?.stringValue != nil)
        #expect(await journal.outstanding == 0)
        #expect(seen.values.isEmpty)
        try await journal.close()
        let (_, recovered) = try DeliveryJournal.open(at: folder.appendingPathComponent("nps.journal"))
        #expect(recovered.pending.isEmpty)
    }

    @Test func anAcceptedDeliveryIsOnDiskBeforeTheAnswer() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (receiver, journal, seen) = try makeReceiver()
        let response = await receiver.handle(post())
        #expect(response.status == 200)
        #expect(try response.jsonBody()["accepted"] == true)
        #expect(seen.values == [1])
        try await journal.close()
        let (_, recovered) = try DeliveryJournal.open(at: folder.appendingPathComponent("nps.journal"))
        #expect(recovered.pending.map(\.payload) == [["event": "completed"]])
    }

    @Test func aFullQueueAnswers429WithRetryAfter() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (receiver, _, _) = try makeReceiver(capacity: 2)
        #expect(await receiver.handle(post()).status == 200)
        #expect(await receiver.handle(post()).status == 200)
        let full = await receiver.handle(post())
        #expect(full.status == 429)
        #expect(full.headers["Retry-After"] != nil)
    }

    /// 50 deliveries at once into a queue of 5: the check and the count were two steps with an `await`
    /// between them, so concurrent deliveries all passed the check. Exactly 5 are accepted now.
    @Test func concurrentDeliveriesNeverExceedTheCapacity() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (receiver, journal, _) = try makeReceiver(capacity: 5)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { await receiver.handle(self.post()).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 5)
        #expect(statuses.filter { $0 == 429 }.count == 45)
        #expect(await journal.outstanding == 5)
    }

    @Test(arguments: [("abc", "abc", true), ("abc", "abd", false), ("abc", "ab", false), ("", "", true), ("a", "", false)])
    func constantTimeEquality(lhs: String, rhs: String, equal: Bool) {
        #expect(ConstantTime.equals(lhs, rhs) == equal)
    }
}

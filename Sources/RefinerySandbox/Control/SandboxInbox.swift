import Foundation
import RefineryHTTP
import RefineryJSON

/// `/_sandbox/inbox/<name>`: a stand-in for the tools outside Refiner a scenario posts to (a Slack
/// incoming webhook, a chat, a CRM). Under `--sandbox`, an `http:MakeRequest` connection that is not set
/// in the environment points here, so a scenario that leaves Refiner still runs offline. Any method but
/// GET is a message, kept (the newest 1,000) and answered `200 ok` in text, as Slack answers; GET lists
/// the messages, of one name or of all.
struct SandboxInbox: Sendable {
    struct Message: Sendable {
        var name: String
        var method: String
        var contentType: String?
        var body: [UInt8]
        var at: Date

        var json: JSONValue {
            let text = String(decoding: body, as: UTF8.self)
            let parsed = contentType?.lowercased().contains("json") == true ? try? JSONValue(parsing: text) : nil
            return [
                "name": .string(name), "method": .string(method), "contentType": contentType.map(JSONValue.string) ?? .null,
                "body": parsed ?? .string(text), "receivedAt": .string(Timestamp.format(at)),
            ]
        }
    }

    static let capacity = 1000
    private(set) var messages: [Message] = []

    mutating func receive(_ request: HTTPRequest, name: String, at now: Date) -> HTTPResponse {
        guard request.method != .get else { return .json(list(name)) }
        messages.append(Message(name: name, method: request.method.rawValue, contentType: request.headers["Content-Type"], body: request.body, at: now))
        if messages.count > Self.capacity { messages.removeFirst(messages.count - Self.capacity) }
        return .text("ok", status: 200)
    }

    func list(_ name: String) -> JSONValue {
        .array(messages.filter { name.isEmpty || $0.name == name }.map(\.json))
    }
}

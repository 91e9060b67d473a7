import Foundation
import RefineryCLI
import RefineryHTTP
import RefineryJSON
import Synchronization
import Testing

/// A chat's incoming webhook on loopback: keeps each JSON body and answers `ok` in text, as Slack does.
final class IncomingWebhook: HTTPHandler {
    let bodies = Mutex<[(path: String, body: JSONValue)]>([])

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let body = (try? request.jsonBody()) ?? .null
        bodies.withLock { $0.append((request.path, body)) }
        return .text("ok", status: 200)
    }
}

/// The shipped scenarios that leave Refiner, against a loopback receiver standing for Slack and a team
/// chat: the secret webhook URL comes from `REFINERY_HTTP_<NAME>_URL`, every message arrives, and the
/// URL stays out of the report and the cassette, which replays without it.
@Suite(.serialized) struct OutsideToolScenarioTests {
    static let root = ModuleCommandsTests.root
    static let secretPath = "/services/T0RF1N3RY/B0D1G3ST/x0secret0webhook0path"

    struct Case: Sendable, CustomStringConvertible {
        let scenario: String
        let variable: String
        let module: Int
        var description: String { scenario }
    }

    @Test(arguments: [
        Case(scenario: "nps-detractor-slack-alert", variable: "REFINERY_HTTP_SLACK_URL", module: 3),
        Case(scenario: "weekly-nps-digest", variable: "REFINERY_HTTP_DIGEST_CHAT_URL", module: 8),
    ])
    func everyMessageReachesTheReceiverAndTheURLStaysSecret(_ example: Case) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let receiver = IncomingWebhook()
        let server = try HTTPServer(handler: receiver, port: 0)
        try server.start()
        let url = server.baseURL + Self.secretPath
        let live = CLIHarness(environment: [example.variable: url, "NO_COLOR": "1"], workingDirectory: Self.root)
        let cassette = folder.path + "/recorded.cassette.json"
        let recorded = await live.run("run", "scenarios/\(example.scenario).json", "--sandbox", "--record", cassette, "--json", "--trace")
        await server.stop()
        #expect(recorded.code == .success, "\(recorded.stderr)")
        let report = try JSONValue(parsing: recorded.stdout)
        let posted = report["modules"]?.arrayValue?.first { $0["id"] == .int(example.module) }?["bundles"]?.intValue
        let bodies = receiver.bodies.withLock { $0 }
        #expect(posted == bodies.count && bodies.count > 0)
        #expect(bodies.allSatisfy { $0.path == Self.secretPath })
        #expect(bodies.allSatisfy { $0.body["text"]?.stringValue?.isEmpty == false })
        let text = try String(contentsOfFile: cassette, encoding: .utf8)
        for (place, output) in [("report", recorded.stdout), ("trace", recorded.stderr), ("cassette", text)] {
            #expect(!output.contains("x0secret0webhook0path"), "the webhook URL reached the \(place)")
        }
        let replayed = await CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: Self.root)
            .run("run", "scenarios/\(example.scenario).json", "--replay", cassette, "--json")
        #expect(replayed.code == .success, "\(replayed.stdout)\(replayed.stderr)")
        #expect(replayed.stdout == recorded.stdout)
    }

    @Test func theDetractorAlertNamesTheContactAndTheScore() async throws {
        let receiver = IncomingWebhook()
        let server = try HTTPServer(handler: receiver, port: 0)
        try server.start()
        let live = CLIHarness(environment: ["REFINERY_HTTP_SLACK_URL": server.baseURL + "/hook", "NO_COLOR": "1"], workingDirectory: Self.root)
        let outcome = await live.run("run", "scenarios/nps-detractor-slack-alert.json", "--sandbox", "--trace")
        await server.stop()
        #expect(outcome.code == .success, "\(outcome.stderr)")
        let responses = outcome.stderr.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }.filter { $0["id"] == 1 }
        let detractors = responses.compactMap { $0["bundle"] }.filter { ($0["data"]?["nps_score"]?.intValue ?? 99) <= 6 }
        let texts = receiver.bodies.withLock { $0 }.compactMap { $0.body["text"]?.stringValue }
        #expect(texts.count == detractors.count)
        for (text, response) in zip(texts, detractors) {
            #expect(text.hasPrefix(":rotating_light: NPS detractor: "))
            #expect(text.contains("scored \(response["data"]?["nps_score"]?.intValue ?? -1) on "))
            if let email = response["contact"]?["email"]?.stringValue { #expect(text.contains(email)) }
        }
    }

    /// The same Completed Survey delivered twice reaches the CRM once: the data store remembers it.
    @Test func aRedeliveredResponseIsForwardedOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let receiver = IncomingWebhook()
        let server = try HTTPServer(handler: receiver, port: 0)
        try server.start()
        let live = CLIHarness(environment: ["REFINERY_HTTP_CRM_URL": server.baseURL + "/crm/leads", "NO_COLOR": "1"], workingDirectory: Self.root)
        for _ in 0..<2 {
            let outcome = await live.run(
                "webhook", "deliver", "scenarios/completed-survey-forward-once.json", "payloads/completed-survey.json", "--sandbox", "--state", folder.path
            )
            #expect(outcome.code == .success, "\(outcome.stdout)\(outcome.stderr)")
        }
        await server.stop()
        let bodies = receiver.bodies.withLock { $0 }
        #expect(bodies.count == 1)
        #expect(bodies.first?.path == "/crm/leads")
        #expect(bodies.first?.body["email"] == "radia.hopper.299@example.com")
    }
}

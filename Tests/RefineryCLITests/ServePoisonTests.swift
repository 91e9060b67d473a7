import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization
import Testing

/// The Refiner API the served scenario calls: `POST /v1/track-event` for contact `poison` never answers
/// until released, so the test can kill `serve` while that delivery is in flight; every other call goes to
/// the sandbox. `arrivals` yields the contact id of each track-event call as it comes in.
final class HangingAPI: HTTPHandler {
    let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, rateLimits: .unlimited))
    let arrivals: AsyncStream<String>
    private let arrived: AsyncStream<String>.Continuation
    private let held = Mutex<[CheckedContinuation<Void, Never>]>([])

    init() {
        (arrivals, arrived) = AsyncStream.makeStream(of: String.self)
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let id = request.path == "/v1/track-event" ? (try? JSONValue(parsing: request.body))?["id"]?.stringValue : nil
        if id == "poison" {
            await withCheckedContinuation { continuation in
                held.withLock { $0.append(continuation) }
                arrived.yield("poison")
            }
            return .text("released", status: 503)
        }
        let response = await sandbox.handle(request)
        if let id, response.isSuccess { arrived.yield(id) }
        return response
    }

    /// Lets every held request answer (its client is gone by then).
    func release() {
        held.withLock { held in
            held.forEach { $0.resume() }
            held = []
        }
    }
}

@Suite struct ServePoisonTests {
    static let token = "poison-test-token-1"

    /// A delivery that takes `serve` down whenever it runs (here: SIGKILL while its module call is in
    /// flight) is run again at most `inDoubtRetries` times (default 3); at the next start it is stored as
    /// an incomplete execution with the reason, and the server serves the deliveries after it.
    @Test(.timeLimit(.minutes(1)))
    func aDeliveryThatKillsServeEveryTimeIsStoredAndTheServerKeepsServing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = ServeCommandTests.trackScenario.replacingOccurrences(
            of: #"{"tokenVariable": "TRACK_TOKEN"}"#, with: #"{"tokenVariable": "TRACK_TOKEN", "inDoubt": "retry"}"#
        )
        try folder.write("poison.json", scenario)
        let api = HangingAPI()
        let server = try HTTPServer(handler: api)
        try server.start()
        let environment = ["TRACK_TOKEN": Self.token, "REFINER_API_KEY": api.sandbox.apiKey, "REFINER_BASE_URL": server.baseURL + "/v1"]
        let arguments = ["serve", "poison.json", "--state", "state", "--modules", ServeCommandTests.modules, "--quiet"]
        var arrivals = api.arrivals.makeAsyncIterator()

        // Start 1 takes the delivery; starts 2 to 4 run it again (3 retries). Each dies with it in flight.
        for start in 1...4 {
            let child = try await ServeChild.start(arguments, folder: folder.path, environment: environment)
            if start == 1 { #expect(try await child.post(Self.payload("poison"), token: Self.token) == 200) }
            #expect(await arrivals.next() == "poison", "start \(start) did not run the delivery")
            await child.kill()
            api.release()
        }
        // Starts 5 and 6: the delivery is not run again; the server serves the next ones.
        for (start, contact) in [(5, "after-1"), (6, "after-2")] {
            let child = try await ServeChild.start(arguments, folder: folder.path, environment: environment)
            #expect(try await child.post(Self.payload(contact), token: Self.token) == 200, "start \(start)")
            let first = await arrivals.next()
            #expect(first == contact, "start \(start) ran \(first ?? "nothing") first")
            guard first == contact else {
                await child.kill()
                break
            }
            child.process.terminate()
            #expect(try await SandboxCommandTests.exitStatus(of: child.process) == 0)
        }
        api.release()
        await server.stop()

        let state = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/state/poison.state.json"))))
        let incomplete = state["incomplete"]?.arrayValue ?? []
        #expect(incomplete.count == 1)
        #expect(incomplete.first?["scope"]?["1"]?["remote_id"]?.stringValue == "poison")
        let message = incomplete.first?["message"]?.stringValue ?? ""
        #expect(message.contains("each of the 4 times the process stopped") && message.contains("webhook.inDoubtRetries"), "\(message)")
    }

    static func payload(_ contact: String) -> String {
        ServeCommandTests.payload.replacingOccurrences(of: "user-7", with: contact)
    }
}

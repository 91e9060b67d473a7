import Foundation
import RefineryCLI
import RefineryHTTP
import Synchronization
import Testing

/// Records every request it is sent, byte for byte, and answers 200.
final class RecordingReceiver: HTTPHandler {
    let received = Mutex<[String]>([])

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let text = request.target + request.headers.map { "\n\($0.name): \($0.value)" }.joined() + String(decoding: request.body, as: UTF8.self)
        received.withLock { $0.append(text) }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array("[]".utf8))
    }
}

/// Answers every request with a redirect to `location`.
struct Redirector: HTTPHandler {
    let status: Int
    let location: String

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": location + request.target], body: [])
    }
}

/// `refinery call` against an API posing as Refiner that redirects to another origin on loopback: the
/// call fails with a ConnectionError naming both origins, and the key never reaches the other origin.
@Suite struct RedirectCommandTests {
    static let key = "rk_live_never_follows_0123456789"

    @Test(arguments: [301, 302, 303, 307, 308])
    func theAPIKeyNeverFollowsARedirectToAnotherOrigin(status: Int) async throws {
        let receiver = RecordingReceiver()
        let elsewhere = try HTTPServer(handler: receiver, port: 0)
        try elsewhere.start()
        let api = try HTTPServer(handler: Redirector(status: status, location: elsewhere.baseURL), port: 0)
        try api.start()
        let environment = ["REFINER_API_KEY": Self.key, "REFINER_BASE_URL": api.baseURL, "NO_COLOR": "1"]
        let outcome = await CLIHarness(environment: environment, workingDirectory: ModuleCommandsTests.root)
            .run("call", "refiner:listResponses", "--data", #"{"limit": 1}"#)
        await api.stop()
        await elsewhere.stop()
        #expect(outcome.code == .failure)
        #expect(outcome.stderr.contains("ConnectionError"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(api.baseURL) && outcome.stderr.contains(elsewhere.baseURL), "\(outcome.stderr)")
        #expect(receiver.received.withLock { $0.isEmpty })
        #expect(!(outcome.stdout + outcome.stderr).contains(Self.key))
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization
import Testing

/// The sandbox the served scenario calls, counting `POST /v1/track-event` per contact id: the effect of
/// processing delivery n is one event for contact `d-n`.
final class CountingSandbox: HTTPHandler {
    let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, rateLimits: .unlimited))
    private let events = Mutex<[String: Int]>([:])
    /// Contact ids whose events the API refuses with 500 (a downstream outage for those deliveries).
    let failing: @Sendable (String) -> Bool

    init(failing: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.failing = failing
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path == "/v1/track-event", let id = (try? JSONValue(parsing: request.body))?["id"]?.stringValue, failing(id) {
            return .json(["error": "down"], status: 500)
        }
        let response = await sandbox.handle(request)
        if request.path == "/v1/track-event", response.isSuccess, let id = (try? JSONValue(parsing: request.body))?["id"]?.stringValue {
            events.withLock { $0[id, default: 0] += 1 }
        }
        return response
    }

    var counts: [String: Int] { events.withLock { $0 } }
}

/// What the senders saw for each delivery, and the next delivery number.
final class SendLedger: Sendable {
    let sent = Mutex(SentDeliveries())
    private let counter = Mutex(0)

    func nextNumber() -> Int {
        counter.withLock { value in
            value += 1
            return value
        }
    }
}

/// One round's accepted count; stopped once it reaches the target.
final class RoundControl: Sendable {
    private let state = Mutex((accepted: 0, stopped: false))

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Counts an accepted delivery; true exactly once, when `target` is reached (and the round stops).
    func countAccepted(reaching target: Int) -> Bool {
        state.withLock { state in
            state.accepted += 1
            guard state.accepted == target else { return false }
            state.stopped = true
            return true
        }
    }
}

struct SentDeliveries: Sendable {
    var accepted: Set<Int> = []
    var rejected: Set<Int> = []
    /// No answer (the server died mid-request): it may or may not have been journaled.
    var unknown: Set<Int> = []
}

@Suite struct ServeKillTests {
    static let token = "kill-test-token-1"
    static let rounds = 5
    static let acceptedPerRound = 12

    /// `refinery serve` is SIGKILLed repeatedly while deliveries arrive. Afterwards every accepted delivery
    /// was processed exactly once — or, cut short in doubt by a kill, stored as an incomplete execution
    /// and processed at most once — and no rejected delivery was processed.
    @Test(.timeLimit(.minutes(1)))
    func killedAndRestartedItProcessesEveryAcceptedDeliveryOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("kill.json", ServeCommandTests.trackScenario.replacingOccurrences(of: "TRACK_TOKEN", with: "KILL_TOKEN"))
        let counting = CountingSandbox()
        let (outcome, state) = try await Self.killRounds(Self.rounds, folder: folder, api: counting)
        let counts = counting.counts
        let inDoubt = Set((state["incomplete"]?.arrayValue ?? []).compactMap { $0["scope"]?["1"]?["remote_id"]?.stringValue })
        #expect(outcome.accepted.count >= Self.rounds * Self.acceptedPerRound)
        #expect(!outcome.rejected.isEmpty)
        for n in outcome.accepted {
            let count = counts["d-\(n)"] ?? 0
            #expect(count == 1 || (count == 0 && inDoubt.contains("d-\(n)")), "accepted delivery \(n) processed \(count) times")
        }
        for n in outcome.rejected { #expect(counts["d-\(n)"] == nil, "rejected delivery \(n) was processed") }
        for n in outcome.unknown { #expect((counts["d-\(n)"] ?? 0) <= 1) }
        #expect(counts.values.allSatisfy { $0 == 1 })
    }

    /// The same with `dlq` and a downstream API that refuses every third delivery's event: each of those
    /// is stored as exactly one incomplete execution holding its payload (never lost, never twice), the
    /// others are processed exactly once, across the kills.
    @Test(.timeLimit(.minutes(1)))
    func withDLQEveryFailedDeliveryIsStoredOnceAcrossKills() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = ServeCommandTests.trackScenario.replacingOccurrences(of: "TRACK_TOKEN", with: "KILL_TOKEN")
            .replacingOccurrences(of: #""metadata": {"#, with: #""metadata": {"scenario": {"dlq": true, "maxErrors": 1000}, "#)
        try folder.write("kill.json", scenario)
        let fails: @Sendable (String) -> Bool = { id in Int(id.dropFirst(2)).map { $0 % 3 == 0 } ?? false }
        let counting = CountingSandbox(failing: fails)
        let (outcome, state) = try await Self.killRounds(3, folder: folder, api: counting)
        let counts = counting.counts
        let stored = (state["incomplete"]?.arrayValue ?? []).compactMap { $0["scope"]?["1"]?["remote_id"]?.stringValue }
        let storedCounts = Dictionary(stored.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(outcome.accepted.count >= 3 * Self.acceptedPerRound)
        for n in outcome.accepted {
            let id = "d-\(n)"
            if fails(id) {
                #expect(counts[id] == nil, "a refused event was counted for \(id)")
                #expect(storedCounts[id] == 1, "failed delivery \(n) stored \(storedCounts[id] ?? 0) times")
            } else {
                let count = counts[id] ?? 0
                #expect(count == 1 || (count == 0 && storedCounts[id] == 1), "accepted delivery \(n) processed \(count) times")
                #expect((storedCounts[id] ?? 0) <= 1)
            }
        }
        #expect(storedCounts.values.allSatisfy { $0 == 1 }, "\(storedCounts.filter { $0.value > 1 })")
    }

    /// `refinery serve kill.json` against `api`, SIGKILLed after `rounds` rounds of `acceptedPerRound`
    /// accepted deliveries each, then run once more for 3 and stopped cleanly: what the senders saw, and
    /// the scenario's state after it all.
    static func killRounds(_ rounds: Int, folder: TemporaryFolder, api counting: CountingSandbox) async throws -> (SentDeliveries, JSONValue) {
        let api = try HTTPServer(handler: counting)
        try api.start()
        let environment = ["KILL_TOKEN": Self.token, "REFINER_API_KEY": counting.sandbox.apiKey, "REFINER_BASE_URL": api.baseURL + "/v1"]
        let arguments = ["serve", "kill.json", "--state", "state", "--modules", ServeCommandTests.modules, "--quiet"]
        let ledger = SendLedger()
        for _ in 0..<rounds {
            let child = try await ServeChild.start(arguments, folder: folder.path, environment: environment)
            await Self.send(to: child, ledger: ledger, untilAccepted: Self.acceptedPerRound) { await child.kill() }
        }
        let last = try await ServeChild.start(arguments, folder: folder.path, environment: environment)
        await Self.send(to: last, ledger: ledger, untilAccepted: 3) {}
        last.process.terminate()
        #expect(try await SandboxCommandTests.exitStatus(of: last.process) == 0)
        await api.stop()
        let state = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/state/kill.state.json"))))
        return (ledger.sent.withLock { $0 }, state)
    }

    /// Four senders post deliveries (every fifth with a wrong token) until `count` were accepted, then
    /// `stop` runs while they are still sending; each sender ends at its first failed connection.
    static func send(
        to child: ServeChild, ledger: SendLedger, untilAccepted count: Int, stop: @escaping @Sendable () async -> Void
    ) async {
        let round = RoundControl()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while !round.isStopped {
                        let n = ledger.nextNumber()
                        let token = n % 5 == 0 ? "wrong-token-value" : token
                        let payload = ServeCommandTests.payload.replacingOccurrences(of: "user-7", with: "d-\(n)")
                        guard let status = try? await child.post(payload, token: token) else {
                            ledger.sent.withLock { _ = $0.unknown.insert(n) }
                            return
                        }
                        ledger.sent.withLock { sent in _ = (200..<300).contains(status) ? sent.accepted.insert(n) : sent.rejected.insert(n) }
                        guard (200..<300).contains(status) else { continue }
                        if round.countAccepted(reaching: count) { await stop() }
                    }
                }
            }
        }
    }
}

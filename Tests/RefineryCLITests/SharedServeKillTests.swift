import Foundation
import RefineryJSON
import RefineryHTTP
import RefineryPostgres
import RefinerySandbox
import RefineryTesting
import Synchronization
import Testing

/// Several `refinery serve --store postgres://...` processes behind a load balancer (the senders pick a
/// live worker at random), one of them SIGKILLed and restarted at a time while deliveries arrive from
/// four clients. Afterwards every accepted delivery was processed exactly once, or, its worker killed
/// mid-execution, stored once as an incomplete execution; no rejected delivery was processed; and every
/// row of the shared queue is done.
@Suite(.serialized) struct SharedServeKillTests {
    static let kills = 3
    static let acceptedPerKill = 10

    @Test(.timeLimit(.minutes(2)), arguments: [2, 4])
    func workersKilledAtRandomProcessEveryAcceptedDeliveryOnce(workers: Int) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("kill.json", ServeCommandTests.trackScenario.replacingOccurrences(of: "TRACK_TOKEN", with: "KILL_TOKEN"))
        let (url, _) = try await StoreCommandTests.storeURL()
        let counting = CountingSandbox()
        let api = try HTTPServer(handler: counting)
        try api.start()
        let environment = ["KILL_TOKEN": ServeKillTests.token, "REFINER_API_KEY": counting.sandbox.apiKey, "REFINER_BASE_URL": api.baseURL + "/v1"]
        let arguments = ["serve", "kill.json", "--store", url, "--claim-lease", "2", "--keep-finished", "0", "--modules", ServeCommandTests.modules, "--quiet"]
        let start = { try await ServeChild.start(arguments, folder: folder.path, environment: environment) }

        let balancer = LoadBalancer()
        for _ in 0..<workers { balancer.add(try await start()) }
        let ledger = SendLedger()
        balancer.allow(Self.acceptedPerKill)
        let senders = Task { await Self.send(through: balancer, ledger: ledger) }
        for kill in 1...Self.kills {
            await ledger.waitForAccepted(kill * Self.acceptedPerKill)
            let victim = balancer.removeRandom()
            await victim.kill()
            balancer.add(try await start())
            balancer.allow((kill + 1) * Self.acceptedPerKill)
        }
        await ledger.waitForAccepted((Self.kills + 1) * Self.acceptedPerKill)
        balancer.stopSending()
        await senders.value
        let configuration = try PostgresConfiguration(url: url)
        try await Self.waitUntilEveryDeliveryIsDone(configuration)
        for child in balancer.removeAll() {
            child.process.terminate()
            #expect(try await SandboxCommandTests.exitStatus(of: child.process) == 0)
        }
        await api.stop()

        let outcome = ledger.sent.withLock { $0 }
        let state = try await Self.state(of: "kill", in: configuration)
        let inDoubt = (state["incomplete"]?.arrayValue ?? []).compactMap { $0["scope"]?["1"]?["remote_id"]?.stringValue }
        let storedCounts = Dictionary(inDoubt.map { ($0, 1) }, uniquingKeysWith: +)
        let counts = counting.counts
        #expect(outcome.accepted.count >= (Self.kills + 1) * Self.acceptedPerKill)
        #expect(!outcome.rejected.isEmpty)
        for n in outcome.accepted {
            let id = "d-\(n)"
            let count = counts[id] ?? 0
            #expect(count == 1 || (count == 0 && storedCounts[id] == 1), "accepted delivery \(n) processed \(count) times")
        }
        for n in outcome.rejected { #expect(counts["d-\(n)"] == nil, "rejected delivery \(n) was processed") }
        for n in outcome.unknown { #expect((counts["d-\(n)"] ?? 0) <= 1) }
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts.filter { $0.value != 1 })")
        #expect(storedCounts.values.allSatisfy { $0 == 1 }, "\(storedCounts.filter { $0.value != 1 })")
    }

    /// Four senders post deliveries (every fifth with a wrong token) to a live worker each time, while
    /// fewer than the balancer allows were accepted, until it stops; a request whose worker died under it
    /// is an unknown outcome.
    static func send(through balancer: LoadBalancer, ledger: SendLedger) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let child = balancer.pick() {
                        guard ledger.sent.withLock({ $0.accepted.count }) < balancer.allowance else {
                            try? await Task.sleep(nanoseconds: 5_000_000)
                            continue
                        }
                        let n = ledger.nextNumber()
                        let token = n % 5 == 0 ? "wrong-token-value" : ServeKillTests.token
                        let payload = ServeCommandTests.payload.replacingOccurrences(of: "user-7", with: "d-\(n)")
                        guard let status = try? await child.post(payload, token: token) else {
                            ledger.sent.withLock { _ = $0.unknown.insert(n) }
                            continue
                        }
                        ledger.sent.withLock { sent in _ = (200..<300).contains(status) ? sent.accepted.insert(n) : sent.rejected.insert(n) }
                    }
                }
            }
        }
    }

    /// Polls the queue until no delivery of any scenario is open: claims of killed workers expire (2 s)
    /// and are taken again by the live ones.
    static func waitUntilEveryDeliveryIsDone(_ configuration: PostgresConfiguration) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let open = try await offPool {
                let connection = try PostgresConnection.connect(configuration)
                defer { connection.close() }
                return try connection.query("SELECT count(*) AS open FROM refinery_deliveries WHERE status <> 'done'").rows.first?.int("open") ?? -1
            }
            if open == 0 { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        Issue.record("deliveries were still open after 60 s")
    }

    /// The scenario's state as its row holds it.
    static func state(of scenario: String, in configuration: PostgresConfiguration) async throws -> JSONValue {
        let text = try await offPool { () throws -> String? in
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            return try connection.query("SELECT state FROM refinery_state WHERE scenario = $1", [.text(scenario)]).rows.first?["state"]
        }
        return try JSONValue(parsing: Array(try #require(text, "no state row for \(scenario)").utf8))
    }
}

/// The live workers, as a load balancer in front of them sees them; senders pick one at random.
final class LoadBalancer: Sendable {
    private let state = Mutex((children: [ServeChild](), stopped: false, allowance: 0))

    /// How many accepted deliveries the senders may reach before they wait.
    var allowance: Int { state.withLock { $0.allowance } }

    func allow(_ count: Int) {
        state.withLock { $0.allowance = count }
    }

    func add(_ child: ServeChild) {
        state.withLock { $0.children.append(child) }
    }

    /// A live worker, or nil once sending stopped.
    func pick() -> ServeChild? {
        state.withLock { $0.stopped ? nil : $0.children.randomElement() }
    }

    /// Takes a random worker out of rotation (to kill it).
    func removeRandom() -> ServeChild {
        state.withLock { $0.children.remove(at: Int.random(in: 0..<$0.children.count)) }
    }

    func removeAll() -> [ServeChild] {
        state.withLock { state in
            defer { state.children = [] }
            return state.children
        }
    }

    func stopSending() {
        state.withLock { $0.stopped = true }
    }
}

extension SendLedger {
    /// Returns once at least `count` deliveries were accepted.
    func waitForAccepted(_ count: Int) async {
        while sent.withLock({ $0.accepted.count }) < count {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
    }
}

/// A polling scenario scheduled every 2 s and served by three `serve --store` workers: each slot is run
/// by one of them, so the API sees at most one poll per slot that began while they served, never three.
@Suite struct SharedScheduleTests {
    @Test(.timeLimit(.minutes(1)))
    func aPollingScenarioOnThreeWorkersRunsOncePerSlot() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("poll.json", #"{"name": "p", "flow": [{"id": 1, "module": "refiner:watchResponses"}], "scheduling": {"type": "indefinitely", "interval": 2}}"#)
        let (url, _) = try await StoreCommandTests.storeURL()
        let polls = PollRecorder()
        let api = try HTTPServer(handler: polls)
        try api.start()
        let environment = ["REFINER_API_KEY": polls.sandbox.apiKey, "REFINER_BASE_URL": api.baseURL + "/v1"]
        let arguments = ["serve", "poll.json", "--store", url, "--modules", ServeCommandTests.modules]
        var children: [Process] = []
        let started = Date()
        for _ in 0..<3 { children.append(try Self.start(arguments, folder: folder.path, environment: environment)) }
        while polls.times.count < 4 { try await Task.sleep(nanoseconds: 20_000_000) }
        for child in children {
            child.terminate()
            #expect(try await SandboxCommandTests.exitStatus(of: child) == 0)
        }
        await api.stop()
        // Slots are the multiples of 2 s since the epoch; a late run may fall in a later slot's time.
        let slots = Int(Date().timeIntervalSince1970 / 2) - Int((started.timeIntervalSince1970 / 2).rounded(.up)) + 1
        #expect(polls.times.count >= 4)
        #expect(polls.times.count <= slots, "\(polls.times.count) polls in \(slots) slots")
    }

    /// A serve that prints no URL (a polling scenario only): started, not waited for.
    static func start(_ arguments: [String], folder: String, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = BinarySmokeTests.binaryURL()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(["NO_COLOR": "1"]) { first, _ in first }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// An empty sandbox that notes when each `GET /v1/responses` (one per run of `watchResponses`) came in.
final class PollRecorder: HTTPHandler {
    let sandbox = RefinerSandbox(configuration: SandboxConfiguration(seed: .empty, rateLimits: .unlimited))
    private let received = Mutex<[Date]>([])

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.method == .get, request.path == "/v1/responses" { received.withLock { $0.append(Date()) } }
        return await sandbox.handle(request)
    }

    var times: [Date] { received.withLock { $0 } }
}

import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct FileStateStoreTests {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("refinery-state-\(UUID().uuidString)")
    }

    static func sample(revision: Int) -> ScenarioState {
        var state = ScenarioState()
        state.revision = revision
        state.positions[1] = TriggerPosition(lastDate: Date(timeIntervalSince1970: 1_767_225_600.123), sameDateIds: ["a", "b"])
        state.positions[7] = TriggerPosition(lastId: "9007199254740993")
        state.incomplete = [IncompleteExecution(
            id: "x-1", createdAt: Date(timeIntervalSince1970: 1_767_225_000), moduleId: 3, scope: ["1": ["email": "a@x.io"]],
            errorType: "DataError", message: "bad", retry: true, maxAttempts: 3, intervalMinutes: 15
        )]
        state.consecutiveErrors = 2
        state.active = false
        state.history = [RunSummary(startedAt: Date(timeIntervalSince1970: 1_767_225_600), status: "success", cycles: 2, operations: 9, limit: "maxCycles")]
        return state
    }

    static func store(_ directory: URL, interruption: AtomicFile.Interruption? = nil) -> FileStateStore {
        FileStateStore(directory: directory, lockLease: LockLease(duration: 3600, renewEvery: nil), now: { Date(timeIntervalSince1970: 1_767_225_600) }, interruption: interruption)
    }

    @Test func roundTripsEveryField() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = Self.store(directory)
        #expect(try store.read("nps") == ScenarioState())
        let state = Self.sample(revision: 4)
        try store.write(state, for: "nps")
        #expect(try store.read("nps") == state)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("nps.state.json").path))
    }

    @Test func interruptedWriteLeavesTheOldStateWhole() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.store(directory).write(Self.sample(revision: 1), for: "nps")
        struct Killed: Error {}
        let dying = Self.store(directory) { _ in throw Killed() }
        #expect(throws: StateError.self) { try dying.write(Self.sample(revision: 2), for: "nps") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.count == 1, "the half-written temporary file is what a killed process leaves")
        #expect(try Self.store(directory).read("nps").revision == 1)
        try Self.store(directory).write(Self.sample(revision: 3), for: "nps")
        #expect(try Self.store(directory).read("nps").revision == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func crashBetweenTheTwoRenamesReadsTheNewState() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = Self.store(directory)
        try store.write(Self.sample(revision: 1), for: "nps")
        // A writer killed after publishing `.next` but before replacing the file.
        let next = directory.appendingPathComponent("nps.state.json.next")
        try Data(Self.sample(revision: 2).json.serializedBytes()).write(to: next)
        #expect(try store.read("nps").revision == 2)
        try store.write(Self.sample(revision: 3), for: "nps")
        #expect(!FileManager.default.fileExists(atPath: next.path))
        #expect(try store.read("nps").revision == 3)
    }

    @Test func readersNeverSeeATornFile() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = Self.store(directory)
        try store.write(Self.sample(revision: 0), for: "nps")
        let failures = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for revision in 1...150 { try? store.write(Self.sample(revision: revision), for: "nps") }
                return 0
            }
            for _ in 0..<2 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<150 where (try? store.read("nps")) == nil { bad += 1 }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(try store.read("nps").revision == 150)
    }

    @Test func corruptStateIsReportedNotIgnored() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{\"version\": 1, \"positions\": {\"x\": {}}}".utf8).write(to: directory.appendingPathComponent("nps.state.json"))
        #expect(throws: StateError.self) { try Self.store(directory).read("nps") }
    }

    @Test func lockIsExclusiveUntilReleased() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = Self.store(directory)
        let lease = try store.lock("nps")
        #expect {
            _ = try store.lock("nps")
        } throws: { error in
            guard case StateError.locked(let scenario, let holder)? = error as? StateError else { return false }
            return scenario == "nps" && holder.contains("pid \(ProcessInfo.processInfo.processIdentifier)")
        }
        let other = try store.lock("other")
        lease.release()
        lease.release()
        let again = try store.lock("nps")
        again.release()
        other.release()
    }

    @Test func lockOfADeadProcessIsBroken() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let host = ProcessInfo.processInfo.hostName
        let stale = "pid=2147483000\nhost=\(host)\ntoken=old\nsince=1767225600\n"
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nps.lock"), withIntermediateDirectories: true)
        try Data(stale.utf8).write(to: directory.appendingPathComponent("nps.lock/owner"))
        let store = Self.store(directory)
        let lease = try store.lock("nps")
        lease.release()
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nps.lock").path))
    }

    @Test func oldLockIsBrokenEvenIfItsProcessCannotBeChecked() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nps.lock"), withIntermediateDirectories: true)
        try Data("pid=1\nhost=elsewhere\ntoken=old\nsince=1000\n".utf8).write(to: directory.appendingPathComponent("nps.lock/owner"))
        let lease = try Self.store(directory).lock("nps")
        lease.release()
    }

    @Test func aSecondRunOfTheSameScenarioIsRefused() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = Self.store(directory)
        let harness = RunHarness()
        let plan = try harness.plan(flow: #"[{"id": 1, "module": "refiner:trackEvent"}]"#)
        let runner = ScenarioRunner(plan: plan, environment: .testing(store: store), scenarioKey: "nps")
        let lease = try store.lock("nps")
        await #expect(throws: StateError.self) { _ = try await runner.run() }
        lease.release()
        let report = try await runner.run()
        #expect(report.status == .success)
        #expect(try store.read("nps").history.count == 1)
    }
}

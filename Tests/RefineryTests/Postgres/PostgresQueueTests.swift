import Foundation
@testable import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryPostgres
import RefineryTesting
import Testing

/// What only the PostgreSQL store does: locks shared by serve workers, transactional merges, the
/// webhook queue's claims and leases, and schedule slots that exactly one worker takes.
@Suite struct PostgresQueueTests {
    /// Workers started together each migrate a new database: exactly one applies the migrations.
    @Test func workersStartingTogetherMigrateOnce() async throws {
        let configuration = try await offPool { try PostgresTestServer.shared().makeDatabase() }
        let applied = await withTaskGroup(of: [Int]?.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try? await BlockingWork.run {
                        let store = PostgresStore(configuration)
                        defer { store.close() }
                        return try store.migrate()
                    }
                }
            }
            return await group.reduce(into: [[Int]?]()) { $0.append($1) }
        }
        #expect(applied.allSatisfy { $0 != nil }, "a worker failed to migrate")
        #expect(applied.compactMap { $0 }.flatMap { $0 } == Array(1...PostgresStore.latestSchemaVersion))
    }

    @Test func serveWorkersShareTheLockAndKeepRunOut() async throws {
        try await offPool {
            let store = try StoreKind.postgres()
            defer { store.close() }
            let first = try store.stateStore.lockShared("nps"), second = try store.stateStore.lockShared("nps")
            #expect(throws: StateError.self) { _ = try store.stateStore.lock("nps") }
            first.release()
            second.release()
            let run = try store.stateStore.lock("nps")
            #expect(throws: StateError.self) { _ = try store.stateStore.lockShared("nps") }
            run.release()
        }
    }

    @Test func concurrentMergesLoseNoChange() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let states = store.stateStore
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    _ = try? await BlockingWork.run {
                        for _ in 0..<5 { try states.update("nps") { $0.counters[worker, default: 0] += 1 } }
                    }
                }
            }
        }
        let state = try await offPool { try states.read("nps") }
        #expect(state.counters == Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, 5) }))
        #expect(state.revision == 40)
    }

    @Test func twoWorkersNeverClaimTheSameDelivery() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let queue = PostgresDeliveryQueue(scenario: "leads", store: store)
        for n in 0..<20 { _ = try await queue.accept(["n": .int(n)], receivedAt: Date(), capacity: 100) }
        let claimed = try await offPool { () -> [[Int]] in
            var seen: [[Int]] = [[], []]
            while true {
                let a = try queue.claim(for: "a", sequential: false), b = try queue.claim(for: "b", sequential: false)
                if let a { seen[0].append(a.delivery.id) }
                if let b { seen[1].append(b.delivery.id) }
                if a == nil, b == nil { return seen }
            }
        }
        #expect(claimed[0].count + claimed[1].count == 20)
        #expect(Set(claimed[0]).isDisjoint(with: claimed[1]))
        #expect(claimed[0] == claimed[0].sorted())
    }

    @Test func aFullQueueRefusesAndStoresNothing() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let queue = PostgresDeliveryQueue(scenario: "leads", store: store)
        _ = try await queue.accept(["n": 1], receivedAt: Date(), capacity: 2)
        _ = try await queue.accept(["n": 2], receivedAt: Date(), capacity: 2)
        await #expect(throws: DeliveryJournal.Full.self) { _ = try await queue.accept(["n": 3], receivedAt: Date(), capacity: 2) }
        let first = try await offPool { try queue.claim(for: "a", sequential: false) }
        try await offPool { try queue.finish(try #require(first).delivery.id, worker: "a", outcome: .success) }
        _ = try await queue.accept(["n": 3], receivedAt: Date(), capacity: 2)
    }

    /// A worker killed mid-execution never finishes its claim: once the lease runs out another worker
    /// takes the delivery, counted as a second attempt (in doubt), and the dead worker's late finish
    /// changes nothing.
    @Test func anExpiredClaimComesBackInDoubt() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let queue = PostgresDeliveryQueue(scenario: "leads", store: store, lease: 0)
        let accepted = try await queue.accept(["n": 1], receivedAt: Date(), capacity: 10)
        try await offPool {
            let first = try #require(try queue.claim(for: "dead", sequential: false))
            #expect(first.attempts == 1)
            let again = try #require(try queue.claim(for: "alive", sequential: false))
            #expect(again.delivery == accepted)
            #expect(again.attempts == 2)
            try queue.finish(accepted.id, worker: "dead", outcome: .success)
            #expect(try queue.renew(accepted.id, worker: "dead") == false)
            try queue.finish(accepted.id, worker: "alive", outcome: .success)
            #expect(try queue.claim(for: "alive", sequential: false) == nil)
        }
    }

    @Test func aSequentialScenarioRunsOneDeliveryAtATimeInOrder() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let queue = PostgresDeliveryQueue(scenario: "ordered", store: store)
        for n in 0..<3 { _ = try await queue.accept(["n": .int(n)], receivedAt: Date(), capacity: 10) }
        try await offPool {
            let first = try #require(try queue.claim(for: "a", sequential: true))
            #expect(try queue.claim(for: "b", sequential: true) == nil)
            try queue.finish(first.delivery.id, worker: "a", outcome: .success)
            let second = try #require(try queue.claim(for: "b", sequential: true))
            #expect(second.delivery.payload["n"] == 1)
        }
    }

    @Test func exactlyOneWorkerTakesEachScheduledSlot() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let slots = (0..<3).map { _ in PostgresScheduleSlots(store: store, scenario: "digest") }
        let slot = Date(timeIntervalSince1970: 1_800_000_000)
        try await offPool {
            let first = try #require(slots[0].claim(slot))
            #expect(slots[1].claim(slot.addingTimeInterval(60)) == nil, "a run in progress is never overlapped")
            first.release()
            #expect(slots[1].claim(slot) == nil)
            #expect(slots[2].claim(slot) == nil)
            let next = try #require(slots[2].claim(slot.addingTimeInterval(60)))
            next.release()
        }
        let schedule = Scheduling(type: "indefinitely", interval: 900)
        #expect(PostgresScheduleSlots.aligned(Date(timeIntervalSince1970: 1_800_000_001), schedule: schedule) == Date(timeIntervalSince1970: 1_800_000_900))
    }

    /// A finished delivery stays `keepFinished` seconds, then goes; open ones and other scenarios' stay.
    @Test func pruningDeletesOnlyDeliveriesFinishedLongEnoughAgo() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let keeping = PostgresDeliveryQueue(scenario: "leads", store: store, keepFinished: 3600)
        let pruning = PostgresDeliveryQueue(scenario: "leads", store: store, keepFinished: 0)
        let other = PostgresDeliveryQueue(scenario: "other", store: store, keepFinished: 0)
        for n in 0..<3 { _ = try await keeping.accept(["n": .int(n)], receivedAt: Date(), capacity: 10) }
        _ = try await other.accept(["n": 9], receivedAt: Date(), capacity: 10)
        try await offPool {
            for _ in 0..<2 {
                let claim = try #require(try keeping.claim(for: "a", sequential: false))
                try keeping.finish(claim.delivery.id, worker: "a", outcome: .success)
            }
            let elsewhere = try #require(try other.claim(for: "a", sequential: false))
            try other.finish(elsewhere.delivery.id, worker: "a", outcome: .success)
            #expect(try keeping.prune() == 0, "finished a moment ago, kept for an hour")
            #expect(try pruning.prune() == 2)
            #expect(try pruning.claim(for: "a", sequential: false)?.delivery.payload["n"] == 2, "the open delivery stays")
            let rows = try store.pool.withConnection { try $0.query("SELECT scenario FROM refinery_deliveries ORDER BY id").rows.map { $0["scenario"] } }
            #expect(rows == ["leads", "other"])
        }
    }

    /// A serve worker prunes when it starts, then at most once a minute of its clock.
    @Test func aWorkerPrunesAtStartThenOnceAMinute() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let plan = try ServingFixtures.plan(ServingFixtures.tagBlueprint(), file: "scenarios/leads.json", catalog: try ServingFixtures.catalog())
        let clock = VirtualRunClock()
        let state = try await offPool { try PostgresServedState(store: store.stateStore, key: "leads") }
        defer { state.release() }
        let worker = PostgresDeliveryWorker(
            HostedScenario(plan: plan), store: store, keepFinished: 0, state: state, environment: .testing(clock: clock), options: RunOptions()
        ) { _ in }
        let finishOne = { @Sendable in
            _ = try await worker.queue.accept(["n": 1], receivedAt: Date(), capacity: 10)
            try await offPool {
                let claim = try #require(try worker.queue.claim(for: "a", sequential: false))
                try worker.queue.finish(claim.delivery.id, worker: "a", outcome: .success)
            }
        }
        try await finishOne()
        #expect(await worker.pruneWhenDue() == 1)
        try await finishOne()
        clock.advance(seconds: 59)
        #expect(await worker.pruneWhenDue() == nil, "pruned less than a minute ago")
        clock.advance(seconds: 1)
        #expect(await worker.pruneWhenDue() == 1)
    }
}

import Foundation
@testable import Refinery
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct DeliveryProcessorTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("processor-\(UUID().uuidString)")
    var url: URL { folder.appendingPathComponent("q.journal") }
    let moment = Date(timeIntervalSince1970: 0)

    @Test func sequentialModeRunsEachDeliveryOnceInOrder() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        let order = Collector<Int>()
        let processor = DeliveryProcessor(journal: journal, mode: .sequential) { delivery in
            order.append(delivery.payload.intValue ?? -1)
            return .success
        }
        for value in 0..<20 { processor.enqueue(try await journal.accept(.int(value), receivedAt: moment)) }
        processor.finish()
        await processor.run()
        #expect(order.values == Array(0..<20))
        #expect(await journal.outstanding == 0)
        try await journal.close()
        let (_, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.pending.isEmpty && recovered.inDoubt.isEmpty)
    }

    @Test func parallelModeRunsEveryDeliveryOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        let seen = Collector<Int>()
        let processor = DeliveryProcessor(journal: journal, mode: .parallel(maxConcurrent: 4)) { delivery in
            seen.append(delivery.id)
            return .success
        }
        for value in 0..<50 { processor.enqueue(try await journal.accept(.int(value), receivedAt: moment)) }
        processor.finish()
        await processor.run()
        #expect(seen.values.sorted() == Array(1...50))
    }

    @Test(arguments: [DeliveryProcessor.InDoubtPolicy.runAgain(maxRetries: 3), .storeIncomplete])
    func inDoubtDeliveriesFollowThePolicy(policy: DeliveryProcessor.InDoubtPolicy) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (crashed, _) = try DeliveryJournal.open(at: url)
        let interrupted = try await crashed.accept("interrupted", receivedAt: moment)
        _ = try await crashed.accept("waiting", receivedAt: moment)
        try await crashed.markStarted(interrupted.id)
        try await crashed.close()

        let (journal, recovered) = try DeliveryJournal.open(at: url)
        let ran = Collector<String>()
        let stored = Collector<String>()
        let processor = DeliveryProcessor(journal: journal, mode: .sequential) { delivery in
            ran.append(delivery.payload.stringValue ?? "")
            return .success
        }
        try await processor.recover(recovered, policy: policy) { delivery, _ in
            stored.append(delivery.payload.stringValue ?? "")
        }
        processor.finish()
        await processor.run()
        switch policy {
        case .runAgain:
            #expect(ran.values == ["interrupted", "waiting"])
            #expect(stored.values.isEmpty)
        case .storeIncomplete:
            #expect(ran.values == ["waiting"])
            #expect(stored.values == ["interrupted"])
        }
        #expect(await journal.outstanding == 0)
    }

    /// A delivery that takes the process down every time it runs: each restart counts one more start, and
    /// the retry after the last allowed one stores it instead, so the next start serves the others.
    @Test func aDeliveryCutShortMoreThanMaxRetriesTimesIsStoredNotRunAgain() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, _) = try DeliveryJournal.open(at: url)
        let poison = try await first.accept("poison", receivedAt: moment)
        try await first.markStarted(poison.id)
        try await first.close()
        var attemptsSeen: [Int] = []
        for _ in 1...3 {
            // Each restart recovers it in doubt (the journal compacts in between) and runs it again, then dies.
            let (journal, recovered) = try DeliveryJournal.open(at: url)
            attemptsSeen.append(recovered.attempts(of: poison.id))
            #expect(recovered.runningAgain(under: .runAgain(maxRetries: 3)).map(\.id) == [poison.id])
            try await journal.markStarted(poison.id)
            try await journal.close()
        }
        #expect(attemptsSeen == [1, 2, 3])

        let (journal, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.attempts(of: poison.id) == 4)
        let reasons = Collector<DeliveryProcessor.InDoubtReason>()
        let ran = Collector<String>()
        let processor = DeliveryProcessor(journal: journal, mode: .sequential) { delivery in
            ran.append(delivery.payload.stringValue ?? "")
            return .success
        }
        try await processor.recover(recovered, policy: .runAgain(maxRetries: 3)) { _, reason in reasons.append(reason) }
        processor.enqueue(try await journal.accept("next", receivedAt: moment))
        processor.finish()
        await processor.run()
        #expect(reasons.values == [.retriesExhausted(attempts: 4)])
        #expect(ran.values == ["next"])
        try await journal.close()
        let (_, after) = try DeliveryJournal.open(at: url)
        #expect(after.inDoubt.isEmpty && after.pending.isEmpty)
    }

    @Test func zeroRetriesStoresAtTheFirstRestart() {
        let policy = DeliveryProcessor.InDoubtPolicy.runAgain(maxRetries: 0)
        #expect(!policy.runsAgain(afterAttempts: 1))
        #expect(DeliveryProcessor.InDoubtPolicy.runAgain(maxRetries: 1).runsAgain(afterAttempts: 1))
        #expect(!DeliveryProcessor.InDoubtPolicy.storeIncomplete.runsAgain(afterAttempts: 1))
    }
}

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

    @Test(arguments: [DeliveryProcessor.InDoubtPolicy.runAgain, .storeIncomplete])
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
        try await processor.recover(recovered, policy: policy) { delivery in
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
}

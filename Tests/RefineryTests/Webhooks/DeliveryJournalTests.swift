import Foundation
@testable import Refinery
import RefineryJSON
import Testing

@Suite struct DeliveryJournalTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("journal-\(UUID().uuidString)")
    var url: URL { folder.appendingPathComponent("deliveries.journal") }
    let moment = Date(timeIntervalSince1970: 1_767_225_600)

    @Test func acceptedDeliveriesSurviveReopeningInOrder() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, first) = try DeliveryJournal.open(at: url)
        #expect(first.pending.isEmpty && first.inDoubt.isEmpty)
        let a = try await journal.accept(["n": 1], receivedAt: moment)
        let b = try await journal.accept(["n": 2], receivedAt: moment)
        #expect(b.id == a.id + 1)
        try await journal.close()
        let (_, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.pending.map(\.payload) == [["n": 1], ["n": 2]])
        #expect(recovered.pending.first?.receivedAt == 1_767_225_600_000)
    }

    @Test func startedButUnfinishedIsInDoubtAndFinishedIsGone() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        let done = try await journal.accept("done", receivedAt: moment)
        let doubtful = try await journal.accept("doubt", receivedAt: moment)
        _ = try await journal.accept("waiting", receivedAt: moment)
        try await journal.markStarted(done.id)
        try await journal.markFinished(done.id, outcome: "success")
        try await journal.markStarted(doubtful.id)
        try await journal.close()
        let (reopened, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.pending.map(\.payload) == ["waiting"])
        #expect(recovered.inDoubt.map(\.payload) == ["doubt"])
        let next = try await reopened.accept("next", receivedAt: moment)
        #expect(next.id == 4, "ids keep growing after finished deliveries are compacted away")
    }

    @Test(arguments: [1, 3, 7, 8, 20])
    func aTornRecordAtTheEndIsCutOff(keptBytesOfLastRecord: Int) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        _ = try await journal.accept(["kept": true], receivedAt: moment)
        try await journal.close()
        var torn: [UInt8] = []
        JournalFraming.frame(.accepted(Delivery(id: 2, receivedAt: 0, payload: ["torn": true])), into: &torn)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: torn.prefix(keptBytesOfLastRecord))
        try handle.close()
        let (_, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.pending.map(\.payload) == [["kept": true]])
        #expect(recovered.discardedBytes == keptBytesOfLastRecord)
    }

    @Test func aCorruptedRecordStopsRecoveryThere() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        _ = try await journal.accept("one", receivedAt: moment)
        _ = try await journal.accept("two", receivedAt: moment)
        try await journal.close()
        var bytes = try Array(Data(contentsOf: url))
        bytes[bytes.count - 2] ^= 0xFF
        try Data(bytes).write(to: url)
        let (_, recovered) = try DeliveryJournal.open(at: url)
        #expect(recovered.pending.map(\.payload) == ["one"])
    }

    @Test func concurrentAcceptsAreAllDurableWithUniqueIds() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (journal, _) = try DeliveryJournal.open(at: url)
        let moment = moment
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { try await journal.accept(.int(index), receivedAt: moment).id }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 200)
        try await journal.close()
        let (_, recovered) = try DeliveryJournal.open(at: url)
        #expect(Set(recovered.pending.compactMap(\.payload.intValue)) == Set(0..<200))
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}

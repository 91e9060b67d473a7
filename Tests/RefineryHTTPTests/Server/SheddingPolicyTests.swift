import Foundation
import RefineryHTTP
import Testing

/// The victim choice and the connection table, without sockets: snapshots of phases and times in, ids out.
@Suite struct SheddingPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// A record in `phase` since `seconds` after `start`.
    static func record(_ phase: ConnectionPhase, _ seconds: Double, shed: Bool = false) -> ConnectionRecord {
        ConnectionRecord(phase: phase, since: start.addingTimeInterval(seconds), shed: shed)
    }

    @Test(arguments: [
        ("an idle kept-alive connection goes before any slow one", [
            0: record(.readingHead, 0), 1: record(.idle, 5), 2: record(.connected, 1), 3: record(.readingBody, 0),
        ], 1 as Int?),
        ("the longest idle of several", [0: record(.idle, 7), 1: record(.idle, 2), 2: record(.idle, 4)], 1),
        ("the longest in its header phase", [
            0: record(.readingHead, 6), 1: record(.readingHead, 3), 2: record(.readingBody, 1), 3: record(.handling, 0),
        ], 1),
        ("a fresh silent connection counts from its accept, like a header phase", [
            0: record(.readingHead, 4), 1: record(.connected, 2), 2: record(.readingBody, 0),
        ], 1),
        ("a body only when nothing waits for or reads headers", [
            0: record(.readingBody, 9), 1: record(.handling, 0), 2: record(.readingBody, 3),
        ], 2),
        ("a tie goes to the lower (older) id", [5: record(.readingHead, 1), 2: record(.readingHead, 1), 9: record(.readingHead, 1)], 2),
        ("a connection already shed is not chosen again", [0: record(.idle, 0, shed: true), 1: record(.readingHead, 5)], 1),
        ("never a connection running a handler", [0: record(.handling, 0), 1: record(.handling, 1)], nil),
        ("nothing to shed in an empty table", [:], nil),
    ])
    func choosesTheVictim(case name: String, records: [Int: ConnectionRecord], expected: Int?) {
        #expect(SheddingPolicy.victim(among: records) == expected, "\(name)")
    }

    @Test func admitsUpToTheCapThenShedsTheWorst() {
        var table = ConnectionTable(capacity: 3)
        let ids = (0..<3).map { table.admit(now: Self.start.addingTimeInterval(Double($0))).id }
        let entered = [
            table.enter(.handling, id: 0, now: Self.start),
            table.enter(.readingHead, id: 2, now: Self.start.addingTimeInterval(3)),
            table.enter(.idle, id: 1, now: Self.start.addingTimeInterval(4)),
        ]
        let first = table.admit(now: Self.start.addingTimeInterval(5))
        let live = table.liveCount
        let second = table.admit(now: Self.start.addingTimeInterval(6))
        #expect(ids == [0, 1, 2])
        #expect(entered == [true, true, true])
        #expect(first == .admittedShedding(id: 3, victim: 1))
        #expect(live == 3)
        #expect(second == .admittedShedding(id: 4, victim: 2))
        #expect(table.isShed(1) && table.isShed(2) && !table.isShed(0))
        #expect(table.records.count == 5)
    }

    @Test func aShedConnectionNeverStartsAHandlerAndFreesNoSecondSlot() {
        var table = ConnectionTable(capacity: 1)
        let admissions = [table.admit(now: Self.start), table.admit(now: Self.start)]
        let handled = table.enter(.handling, id: 0, now: Self.start)
        table.remove(0)
        let liveAfterShedClosed = table.liveCount
        #expect(admissions == [.admitted(id: 0), .admittedShedding(id: 1, victim: 0)])
        #expect(!handled)
        #expect(liveAfterShedClosed == 1)
        #expect(table.records.keys.sorted() == [1])
        table.remove(1)
        #expect(table.isEmpty && table.liveCount == 0)
    }

    @Test func refusesTheNewcomerOnlyWhenEveryConnectionRunsAHandler() {
        var table = ConnectionTable(capacity: 2)
        let ids = [table.admit(now: Self.start).id, table.admit(now: Self.start).id]
        let handling = [table.enter(.handling, id: 0, now: Self.start), table.enter(.handling, id: 1, now: Self.start)]
        let whileAllBusy = table.admit(now: Self.start)
        _ = table.enter(.idle, id: 1, now: Self.start)
        let onceOneIsIdle = table.admit(now: Self.start)
        #expect(ids == [0, 1] && handling == [true, true])
        #expect(whileAllBusy == .refused)
        #expect(onceOneIsIdle == .admittedShedding(id: 2, victim: 1))
    }
}

/// Which deadline a connection has passed, for each phase, just before and just after it.
@Suite struct ConnectionDeadlineTests {
    static let limits = HTTPServerLimits(headerTimeout: 10, bodyTimeout: 20, readTimeout: 25, idleTimeout: 60)
    static let start = SheddingPolicyTests.start

    @Test(arguments: [
        (ConnectionPhase.connected, 0.0, 60.0, DeadlineVerdict.inTime),
        (.connected, 0, 60.5, .closeQuietly),
        (.idle, 0, 60.5, .closeQuietly),
        (.readingHead, 0, 10, .inTime),
        (.readingHead, 0, 10.5, .requestTimeout("the request line and headers did not arrive within 10.0 seconds")),
        (.readingBody, 2, 22, .inTime),
        (.readingBody, 2, 22.5, .requestTimeout("the body did not arrive within 20.0 seconds of the headers")),
        (.readingBody, 8, 25.5, .requestTimeout("the request did not arrive within 25.0 seconds")),
        (.handling, 0, 1000, .inTime),
    ])
    func passesTheDeadlineOfItsPhase(phase: ConnectionPhase, phaseStarted: Double, now: Double, expected: DeadlineVerdict) {
        let verdict = Self.limits.verdict(
            phase: phase, phaseStarted: Self.start.addingTimeInterval(phaseStarted), requestStarted: Self.start,
            now: Self.start.addingTimeInterval(now)
        )
        #expect(verdict == expected)
    }
}

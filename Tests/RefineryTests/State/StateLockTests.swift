import Foundation
@testable import Refinery
import Synchronization
import Testing

/// Locks are leases: taken whole (the owner is there from the first instant), renewed by their holder,
/// and broken only when the holder is provably gone.
@Suite struct StateLockTests {
    /// A store whose lock clock the test moves.
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_767_225_600))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        var now: Date { time.withLock { $0 } }
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refinery-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func store(_ folder: URL, _ clock: Clock) -> FileStateStore {
        FileStateStore(directory: folder, lockLease: LockLease(duration: 120, renewEvery: nil), now: { clock.now })
    }

    static func owner(_ folder: URL) throws -> LockOwner {
        LockOwner(text: try String(contentsOf: folder.appendingPathComponent("s.lock/owner"), encoding: .utf8))
    }

    static func isLocked(_ store: FileStateStore) -> Bool {
        do {
            try store.lock("s").release()
            return false
        } catch {
            return true
        }
    }

    @Test func aRenewedLockHoldsHoweverOldItIs() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        let store = Self.store(folder, clock)
        let serve = try store.lock("s") as! StateLock
        for _ in 0..<(10 * 60) {  // ten hours, renewed every minute
            clock.advance(60)
            serve.renew()
        }
        #expect(Self.isLocked(store))
        #expect(try Self.owner(folder).renewed == clock.now)
        serve.release()
        #expect(!Self.isLocked(store))
    }

    @Test func aLeaseNotRenewedExpiresEvenThoughThePidLives() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        let store = Self.store(folder, clock)
        let hung = try store.lock("s")
        clock.advance(119)
        #expect(Self.isLocked(store))
        clock.advance(2)
        let next = try store.lock("s")
        hung.release()  // the old holder's release leaves the new lock alone
        #expect(Self.isLocked(store))
        next.release()
    }

    @Test func anOwnerFromAnotherBootOfThisHostIsGone() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        var owner = LockOwner.current(since: clock.now, lease: 120)
        try #require(owner.boot != nil, "Linux has a boot id")
        owner.boot = "00000000-0000-0000-0000-000000000000"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s.lock"), withIntermediateDirectories: false)
        try Data(owner.text.utf8).write(to: folder.appendingPathComponent("s.lock/owner"))
        #expect(!Self.isLocked(Self.store(folder, clock)), "the pid runs, but it is not the one that took the lock")
    }

    @Test func aLiveOwnerOfThisBootHolds() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        let owner = LockOwner.current(since: clock.now, lease: 120)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s.lock"), withIntermediateDirectories: false)
        try Data(owner.text.utf8).write(to: folder.appendingPathComponent("s.lock/owner"))
        #expect(Self.isLocked(Self.store(folder, clock)))
    }

    @Test func theOwnerIsThereFromTheFirstInstant() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lease = try Self.store(folder, Clock()).lock("s")
        let owner = try Self.owner(folder)
        #expect(owner.pid == String(ProcessInfo.processInfo.processIdentifier))
        #expect(owner.lease == 120)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        lease.release()
    }

    @Test func aLockWithoutItsOwnerFileIsNotBrokenWhileItHoldsSomething() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s.lock"), withIntermediateDirectories: false)
        try Data().write(to: folder.appendingPathComponent("s.lock/other"))
        #expect(Self.isLocked(Self.store(folder, Clock())))
    }

    @Test func anEmptyLockDirectoryLeftByAnEarlierVersionIsTaken() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s.lock"), withIntermediateDirectories: false)
        let lease = try Self.store(folder, Clock()).lock("s")
        #expect(try Self.owner(folder).pid == String(ProcessInfo.processInfo.processIdentifier))
        lease.release()
    }

    @Test func ofManyTakingTheLockAtOnceExactlyOneWins() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = Self.store(folder, Clock())
        let winners = await withTaskGroup(of: (any StateLease)?.self) { group in
            for _ in 0..<16 {
                group.addTask { try? store.lock("s") }
            }
            var held: [any StateLease] = []
            for await lease in group { if let lease { held.append(lease) } }
            return held
        }
        #expect(winners.count == 1)
        winners.forEach { $0.release() }
    }
}

public import Foundation
import Glibc
import Synchronization

/// One run per scenario at a time: the lock is a directory `<scenario>.lock/` holding an `owner` file
/// (pid, host, boot id, token, since, renewed, lease).
///
/// - **Taken whole.** The owner is written and flushed in a private directory first, which is then
///   renamed to the lock's name (`rename(2)` is atomic and fails onto a directory that holds a file), so
///   a lock never exists without its owner: there is no window in which another process sees an
///   ownerless lock and breaks it.
/// - **A lease.** The holder renews `renewed` every `LockLease.renewEvery` (a timer of its own, off the
///   cooperative pool), so a `serve` that runs for weeks keeps its lock however old it is.
/// - **Stale only when provably gone**: the lease expired (not renewed for `LockLease.duration`), or the
///   owner is a process of this host that no longer runs (its boot id differs: the host restarted; or
///   `/proc/<pid>` is gone). Breaking renames the directory aside first (of two breakers only one
///   succeeds) and checks it moved the stale owner, not a fresh one.
final class StateLock: StateLease {
    private let url: URL
    private let owner: LockOwner
    private let now: @Sendable () -> Date
    private let state = Mutex(Renewal())

    private struct Renewal {
        var released = false
        var timer: (any DispatchSourceTimer)?
    }

    private init(url: URL, owner: LockOwner, now: @escaping @Sendable () -> Date) {
        self.url = url
        self.owner = owner
        self.now = now
    }

    deinit {
        state.withLock { $0.timer?.cancel() }
    }

    static func acquire(at url: URL, scenario: String, lease: LockLease, now: @escaping @Sendable () -> Date) throws(StateError) -> StateLock {
        let owner = LockOwner.current(since: now(), lease: lease.duration)
        for _ in 0..<3 {
            if try publish(owner, at: url) {
                let lock = StateLock(url: url, owner: owner, now: now)
                lock.startRenewing(every: lease.renewEvery)
                return lock
            }
            let holder = LockOwner(text: ownerText(url))
            guard holder.isGone(now: now()) else { throw StateError.locked(scenario: scenario, holder: holder.description) }
            breakLock(url, expected: holder, token: owner.token)
        }
        throw StateError.locked(scenario: scenario, holder: "a lock that keeps reappearing")
    }

    /// Writes the owner's lease anew, if the lock is still this owner's.
    func renew() {
        guard !state.withLock(\.released), LockOwner(text: Self.ownerText(url)).token == owner.token else { return }
        var renewed = owner
        renewed.renewed = now()
        try? Self.writeOwner(renewed, in: url)
    }

    func release() {
        let first = state.withLock { renewal in
            defer { renewal.released = true }
            renewal.timer?.cancel()
            return !renewal.released
        }
        guard first, LockOwner(text: Self.ownerText(url)).token == owner.token else { return }
        try? FileManager.default.removeItem(at: url)
    }

    private func startRenewing(every interval: TimeInterval?) {
        guard let interval else { return }
        state.withLock { renewal in
            let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { [weak self] in self?.renew() }
            timer.resume()
            renewal.timer = timer
        }
    }

    /// Renames a private directory holding the owner to `url`; false when another lock is there.
    private static func publish(_ owner: LockOwner, at url: URL) throws(StateError) -> Bool {
        let draft = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(owner.token).tmp")
        do {
            try FileManager.default.createDirectory(at: draft, withIntermediateDirectories: false)
            try writeOwner(owner, in: draft)
        } catch {
            try? FileManager.default.removeItem(at: draft)
            throw StateError.io(path: url.path, reason: String(describing: error))
        }
        if rename(draft.path, url.path) == 0 { return true }
        let code = errno
        try? FileManager.default.removeItem(at: draft)
        guard code == ENOTEMPTY || code == EEXIST else {
            throw StateError.io(path: url.path, reason: "cannot take the lock: \(String(cString: strerror(code)))")
        }
        return false
    }

    /// The owner file, replaced whole (written beside it, flushed, renamed over it).
    private static func writeOwner(_ owner: LockOwner, in directory: URL) throws {
        let file = directory.appendingPathComponent("owner")
        let draft = directory.appendingPathComponent("owner.\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: draft.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: draft.path])
        }
        let handle = try FileHandle(forWritingTo: draft)
        try handle.write(contentsOf: Data(owner.text.utf8))
        try handle.synchronize()
        try handle.close()
        guard rename(draft.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: draft)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, NSLocalizedDescriptionKey: reason])
        }
    }

    private static func ownerText(_ url: URL) -> String {
        (try? String(contentsOf: url.appendingPathComponent("owner"), encoding: .utf8)) ?? ""
    }

    private static func breakLock(_ url: URL, expected: LockOwner, token: String) {
        let aside = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).stale-\(token)")
        guard rename(url.path, aside.path) == 0 else { return }
        if LockOwner(text: ownerText(aside)) == expected {
            try? FileManager.default.removeItem(at: aside)
        } else {
            // Someone else broke it first and took a fresh lock: give theirs back.
            _ = rename(aside.path, url.path)
        }
    }
}

/// How long a lock holds without renewal, and how often its holder renews it.
public struct LockLease: Sendable, Hashable {
    /// A lock not renewed for this long is stale.
    public var duration: TimeInterval
    /// The holder's renewal interval; nil renews never (tests call `renew` themselves).
    public var renewEvery: TimeInterval?

    public init(duration: TimeInterval = 120, renewEvery: TimeInterval? = 20) {
        self.duration = duration
        self.renewEvery = renewEvery
    }
}

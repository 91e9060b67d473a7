import Foundation
import Synchronization

/// One run per scenario at a time, with Foundation only: the lock is a directory, because creating a
/// directory is atomic and fails when it exists (`FileManager.createDirectory(withIntermediateDirectories:
/// false)` is `mkdir(2)`). `Data.write(options: .withoutOverwriting)` is not used: on Linux it does not give
/// `O_EXCL` and silently overwrites. The directory holds an `owner` file: pid, host, a random token, since.
///
/// A lock left by a killed process is broken when its pid no longer runs on this host (checked through
/// `/proc/<pid>` where `/proc` exists) or when it is older than `staleAfter`. Breaking renames the directory
/// aside first (atomic; of two breakers only one succeeds) and checks it moved the stale owner, not a fresh one.
final class StateLock: StateLease {
    private let url: URL
    private let token: String
    private let released = Mutex(false)

    private init(url: URL, token: String) {
        self.url = url
        self.token = token
    }

    static func acquire(at url: URL, scenario: String, staleAfter: TimeInterval, now: Date) throws(StateError) -> StateLock {
        let token = UUID().uuidString
        let info = ProcessInfo.processInfo
        let owner = "pid=\(info.processIdentifier)\nhost=\(info.hostName)\ntoken=\(token)\nsince=\(now.timeIntervalSince1970)\n"
        for _ in 0..<3 {
            if (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)) != nil {
                do {
                    try Data(owner.utf8).write(to: url.appendingPathComponent("owner"))
                } catch {
                    try? FileManager.default.removeItem(at: url)
                    throw StateError.io(path: url.path, reason: error.localizedDescription)
                }
                return StateLock(url: url, token: token)
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw StateError.io(path: url.path, reason: "cannot create the lock")
            }
            let holder = ownerText(url)
            guard isStale(holder, staleAfter: staleAfter, now: now) else {
                throw StateError.locked(scenario: scenario, holder: describe(holder))
            }
            breakLock(url, expected: holder, token: token)
        }
        throw StateError.locked(scenario: scenario, holder: "a lock that keeps reappearing")
    }

    func release() {
        let first = released.withLock { done in
            defer { done = true }
            return !done
        }
        guard first, Self.ownerText(url).contains("token=\(token)") else { return }
        try? FileManager.default.removeItem(at: url)
    }

    private static func ownerText(_ url: URL) -> String {
        (try? String(contentsOf: url.appendingPathComponent("owner"), encoding: .utf8)) ?? ""
    }

    private static func breakLock(_ url: URL, expected: String, token: String) {
        let aside = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).stale-\(token)")
        guard (try? FileManager.default.moveItem(at: url, to: aside)) != nil else { return }
        if ownerText(aside) == expected {
            try? FileManager.default.removeItem(at: aside)
        } else {
            // Someone else broke it first and took a fresh lock: give theirs back.
            try? FileManager.default.moveItem(at: aside, to: url)
        }
    }

    private static func field(_ name: String, in holder: String) -> String? {
        holder.split(separator: "\n").first { $0.hasPrefix("\(name)=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// Whether the owner is gone: too old, or a pid of this host that no longer runs. A lock directory
    /// without an owner file (a process killed between mkdir and the write) counts as stale.
    static func isStale(_ holder: String, staleAfter: TimeInterval, now: Date) -> Bool {
        if holder.isEmpty { return true }
        if let since = field("since", in: holder).flatMap(Double.init), now.timeIntervalSince1970 - since > staleAfter { return true }
        guard let pid = field("pid", in: holder), field("host", in: holder) == ProcessInfo.processInfo.hostName else { return false }
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return false }
        return !FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    private static func describe(_ holder: String) -> String {
        "held by pid \(field("pid", in: holder) ?? "?") on \(field("host", in: holder) ?? "?")"
    }
}

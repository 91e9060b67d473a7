public import Foundation
import Glibc
import RefineryJSON

/// Scenario state as files in a directory (default `.refinery/` beside the scenario):
/// `<scenario>.state.json`, replaced atomically on every write (see `AtomicFile`), and the directory
/// `<scenario>.lock` while a run holds it (see `StateLock`).
public final class FileStateStore: StateStore {
    public let directory: URL
    /// How long a lock holds without renewal; its holder renews it on its own timer.
    public let lockLease: LockLease
    private let now: @Sendable () -> Date
    /// Test seam for crash-safety tests (see `AtomicFile.Interruption`).
    let interruption: AtomicFile.Interruption?

    /// `now` timestamps locks; pass the run clock's time.
    public convenience init(directory: URL, lockLease: LockLease = LockLease(), now: @escaping @Sendable () -> Date) {
        self.init(directory: directory, lockLease: lockLease, now: now, interruption: nil)
    }

    init(directory: URL, lockLease: LockLease, now: @escaping @Sendable () -> Date, interruption: AtomicFile.Interruption?) {
        self.directory = directory
        self.lockLease = lockLease
        self.now = now
        self.interruption = interruption
    }

    /// The default directory for a scenario file: `.refinery/` beside it.
    public static func defaultDirectory(forScenarioAt path: URL) -> URL {
        path.deletingLastPathComponent().appendingPathComponent(".refinery", isDirectory: true)
    }

    func stateURL(_ scenario: String) -> URL { directory.appendingPathComponent("\(Self.safe(scenario)).state.json") }
    func lockURL(_ scenario: String) -> URL { directory.appendingPathComponent("\(Self.safe(scenario)).lock") }

    private static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    public func lock(_ scenario: String) throws(StateError) -> any StateLease {
        try ensureDirectory()
        return try StateLock.acquire(at: lockURL(scenario), scenario: scenario, lease: lockLease, now: now)
    }

    public func read(_ scenario: String) throws(StateError) -> ScenarioState {
        let url = stateURL(scenario)
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(url)
        } catch {
            throw StateError.unreadable(path: error.path, reason: error.reason)
        }
        guard let bytes else { return ScenarioState() }
        do {
            return try ScenarioState(json: JSONValue(parsing: bytes))
        } catch let error as StateFormatError {
            throw StateError.corrupt(path: url.path, reason: error.reason)
        } catch {
            throw StateError.corrupt(path: url.path, reason: String(describing: error))
        }
    }

    public func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        try ensureDirectory()
        let url = stateURL(scenario)
        do {
            try AtomicFile.write(state.json.serializedBytes(.pretty), to: url, interruption: interruption)
        } catch {
            throw StateError.io(path: url.path, reason: String(describing: error))
        }
        AtomicFile.removeLeftovers(of: url)
    }

    /// Renames `<scenario>.state.json` (and a `.next` a killed writer left) to
    /// `<scenario>.state.json.set-aside-<UTC time>`; a rename needs no read permission on the file.
    public func setAside(_ scenario: String) throws(StateError) -> String? {
        let url = stateURL(scenario)
        let stamp = Self.stamp(now())
        var kept: String?
        for source in [url, AtomicFile.nextURL(of: url)] where AtomicFile.exists(source) {
            var target = URL(fileURLWithPath: url.path + ".set-aside-" + stamp + (source == url ? "" : ".next"))
            var attempt = 1
            while AtomicFile.exists(target) {
                attempt += 1
                target = URL(fileURLWithPath: url.path + ".set-aside-" + stamp + "-\(attempt)" + (source == url ? "" : ".next"))
            }
            guard rename(source.path, target.path) == 0 else {
                throw StateError.io(path: source.path, reason: String(cString: strerror(errno)))
            }
            kept = kept ?? target.path
        }
        return kept
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        return formatter.string(from: date).replacingOccurrences(of: ":", with: "")
    }

    private func ensureDirectory() throws(StateError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StateError.io(path: directory.path, reason: error.localizedDescription)
        }
    }
}

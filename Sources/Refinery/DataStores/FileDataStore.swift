public import Foundation
import Glibc
public import RefineryJSON
import Synchronization

/// A data store as an append-only log of JSON lines, `<state>/datastores/<name>.log`: one line per
/// applied batch, written and fsynced before `apply` returns, and an index in memory (key → record)
/// rebuilt from the log on open.
///
/// - **Torn lines.** A process killed mid-write leaves at most a last line without its newline: it is
///   ignored when read and cut off before the next write. A complete line that is not a batch is damage
///   from outside, and an error (`corrupt`), never skipped.
/// - **Processes.** Every operation holds an advisory lock (`flock`) on `<name>.lock`; having taken it,
///   the store reads what other processes appended since (or the whole log again, when one compacted it).
///   In the process, a `Mutex` serialises the executions that share the store object.
/// - **Compaction.** When the log is much larger than the live records, they are written to a new log
///   that replaces the old one atomically (`AtomicFile`).
public final class FileDataStore: DataStore {
    public let declaration: DataStoreDeclaration
    /// The log file.
    public let url: URL
    let lockURL: URL
    private let state = Mutex(LogState())

    struct LogState {
        var descriptor: Int32 = -1
        var lockDescriptor: Int32 = -1
        var inode: UInt64 = 0
        /// Bytes of the complete lines read.
        var offset = 0
        /// The file's size when last seen (more than `offset` when its last line is torn).
        var size = 0
        var lines = 0
        var contents = DataStoreContents()
    }

    /// Compacts once the log holds more than this many bytes and `compactionFactor` times the live data.
    static let compactionFloor = 1 << 20
    static let compactionFactor = 3

    public init(directory: URL, declaration: DataStoreDeclaration) {
        self.declaration = declaration
        self.url = directory.appendingPathComponent(declaration.fileName + ".log")
        self.lockURL = directory.appendingPathComponent(declaration.fileName + ".lock")
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            if state.lockDescriptor >= 0 { close(state.lockDescriptor) }
        }
    }

    public func record(_ key: String) throws(DataStoreError) -> JSONObject? {
        try locked(creating: false) { $0.contents.records[key] }
    }

    public func contents() throws(DataStoreError) -> DataStoreContents {
        try locked(creating: false) { $0.contents }
    }

    /// The log's size on disk, in bytes.
    public func logBytes() throws(DataStoreError) -> Int {
        try locked(creating: false) { $0.size }
    }

    @discardableResult
    public func apply(_ batch: DataStoreBatch) throws(DataStoreError) -> Bool {
        try locked(creating: true) { state throws(DataStoreError) in
            guard !state.contents.hasApplied(batch.id) else { return false }
            try state.contents.check(batch, against: declaration)
            try append(batch.logLine(), to: &state)
            state.contents.apply(batch)
            if state.offset > Self.compactionFloor,
               state.offset > Self.compactionFactor * (state.contents.bytes + 32 * state.contents.count) {
                try compact(&state)
            }
            return true
        }
    }

    /// Runs `body` holding the mutex and the file lock, on the log as it is on disk now. A read of a store
    /// never written (no folder yet) creates nothing.
    private func locked<T: Sendable>(creating: Bool, _ body: (inout LogState) throws(DataStoreError) -> T) throws(DataStoreError) -> T {
        try state.withLock { state throws(DataStoreError) -> T in
            let directory = url.deletingLastPathComponent()
            if !creating, state.lockDescriptor < 0, !AtomicFile.exists(directory) {
                var empty = LogState()
                return try body(&empty)
            }
            try takeLock(&state, directory: directory)
            defer { _ = flock(state.lockDescriptor, LOCK_UN) }
            try refresh(&state)
            return try body(&state)
        }
    }

    private func takeLock(_ state: inout LogState, directory: URL) throws(DataStoreError) {
        if state.lockDescriptor < 0 {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw DataStoreError.io(path: directory.path, reason: error.localizedDescription)
            }
            state.lockDescriptor = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard state.lockDescriptor >= 0 else { throw failure(lockURL) }
        }
        while flock(state.lockDescriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure(lockURL) }
        }
    }

    func failure(_ url: URL) -> DataStoreError {
        DataStoreError.io(path: url.path, reason: String(cString: strerror(errno)))
    }
}

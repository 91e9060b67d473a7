public import Foundation
public import RefineryJSON

/// An append-only, fsynced journal of webhook deliveries: the queue that never loses one.
///
/// `accept` returns only once the delivery is on disk, so a server answers 2xx after it. Concurrent
/// appends are batched into one write and one fsync (group commit). `open` recovers after a crash: a torn
/// record at the end is cut off (it was never acknowledged), deliveries never started are pending, and
/// deliveries started but not finished are "in doubt" — the caller decides (run again, or store as incomplete).
public actor DeliveryJournal {
    /// What was in the journal when it was opened.
    public struct Recovered: Sendable {
        /// Accepted, never started: run them, oldest first.
        public var pending: [Delivery]
        /// Started but not finished when the process stopped.
        public var inDoubt: [Delivery]
        /// Bytes of a torn record cut off the end (0 when the journal was intact).
        public var discardedBytes: Int
        /// How many times each in-doubt delivery was started (and cut short), by id.
        var startCounts: [Int: Int] = [:]

        /// How many times in-doubt delivery `id` was started, each time cut short: 1 after one crash.
        public func attempts(of id: Int) -> Int {
            startCounts[id, default: 1]
        }

        /// The in-doubt deliveries `policy` runs again; the rest are stored as incomplete.
        public func runningAgain(under policy: DeliveryProcessor.InDoubtPolicy) -> [Delivery] {
            inDoubt.filter { policy.runsAgain(afterAttempts: attempts(of: $0.id)) }
        }
    }

    public let url: URL
    private var handle: FileHandle
    private var nextId: Int
    /// Accepted deliveries not finished yet: the queue's depth.
    public private(set) var outstanding: Int
    private var unflushed: [UInt8] = []
    private var batch = FlushBatch()
    private var isFlushing = false
    private let io = DispatchQueue(label: "refinery.delivery-journal")

    private init(url: URL, handle: FileHandle, nextId: Int, outstanding: Int) {
        self.url = url
        self.handle = handle
        self.nextId = nextId
        self.outstanding = outstanding
    }

    /// Opens (creating if needed) the journal at `url` and recovers its state, compacting away finished
    /// deliveries.
    public static func open(at url: URL) throws -> (DeliveryJournal, Recovered) {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bytes = try AtomicFile.read(url) ?? []
        let (records, validLength) = JournalFraming.decode(bytes)
        let replay = JournalReplay(records)
        try JournalFile.rewrite(url, with: replay.survivingRecords)
        let handle = try JournalFile.openForAppending(url)
        let recovered = Recovered(
            pending: replay.pending, inDoubt: replay.inDoubt, discardedBytes: bytes.count - validLength, startCounts: replay.startCounts
        )
        let journal = DeliveryJournal(
            url: url, handle: handle, nextId: replay.maxId + 1, outstanding: replay.pending.count + replay.inDoubt.count
        )
        return (journal, recovered)
    }

    /// The queue held `capacity` unfinished deliveries already.
    public struct Full: Error, Sendable {}

    /// Appends a new delivery and returns once it is durably on disk. Throws `Full`, writing nothing, when
    /// `capacity` deliveries are outstanding: checked and counted in one step, so concurrent deliveries
    /// cannot pass the check together.
    public func accept(_ payload: JSONValue, receivedAt: Date, capacity: Int = .max) async throws -> Delivery {
        guard outstanding < capacity else { throw Full() }
        let delivery = Delivery(id: nextId, receivedAt: Int((receivedAt.timeIntervalSince1970 * 1000).rounded()), payload: payload)
        nextId += 1
        outstanding += 1
        do {
            try await append(.accepted(delivery))
        } catch {
            outstanding -= 1
            throw error
        }
        return delivery
    }

    public func markStarted(_ id: Int) async throws {
        try await append(.started(id: id))
    }

    public func markFinished(_ id: Int, outcome: String) async throws {
        try await append(.finished(id: id, outcome: outcome))
        outstanding = max(0, outstanding - 1)
    }

    /// Adds a record to the current batch and waits until that batch is flushed.
    private func append(_ record: JournalRecord) async throws {
        JournalFraming.frame(record, into: &unflushed)
        let waitingOn = batch
        if !isFlushing {
            isFlushing = true
            Task { await self.flushUntilEmpty() }
        }
        try await waitingOn.wait()
    }

    /// Writes and fsyncs batch after batch; records appended meanwhile join the next batch.
    private func flushUntilEmpty() async {
        while !unflushed.isEmpty {
            let bytes = unflushed, finishing = batch
            unflushed = []
            batch = FlushBatch()
            let result = await write(bytes)
            finishing.complete(result)
        }
        isFlushing = false
    }

    /// Blocking write + fsync on a dedicated queue, off the cooperative pool.
    private func write(_ bytes: [UInt8]) async -> Result<Void, any Error> {
        let handle = handle
        return await withCheckedContinuation { continuation in
            io.async {
                continuation.resume(returning: Result {
                    try handle.write(contentsOf: bytes)
                    try handle.synchronize()
                })
            }
        }
    }

    public func close() throws {
        try handle.close()
    }
}

/// The state a sequence of records describes.
struct JournalReplay {
    var pending: [Delivery] = []
    var inDoubt: [Delivery] = []
    /// Started records of each in-doubt delivery: how many executions of it a stop cut short.
    var startCounts: [Int: Int] = [:]
    var maxId = 0
    /// Records to keep when compacting: every unfinished delivery with each of its started records (the
    /// count bounds retries across restarts), plus the newest finished record so ids keep growing.
    var survivingRecords: [JournalRecord] = []

    init(_ records: [JournalRecord]) {
        var accepted: [Int: Delivery] = [:]
        var order: [Int] = []
        var started: [Int: Int] = [:]
        var finished: Set<Int> = []
        var lastFinished: JournalRecord?
        for record in records {
            switch record {
            case .accepted(let delivery):
                if accepted[delivery.id] == nil { order.append(delivery.id) }
                accepted[delivery.id] = delivery
                maxId = max(maxId, delivery.id)
            case .started(let id): started[id, default: 0] += 1
            case .finished(let id, _):
                finished.insert(id)
                maxId = max(maxId, id)
                lastFinished = record
            }
        }
        for id in order where !finished.contains(id) {
            guard let delivery = accepted[id] else { continue }
            survivingRecords.append(.accepted(delivery))
            if let starts = started[id] {
                inDoubt.append(delivery)
                startCounts[id] = starts
                survivingRecords += Array(repeating: .started(id: id), count: starts)
            } else {
                pending.append(delivery)
            }
        }
        if let lastFinished { survivingRecords.append(lastFinished) }
    }
}

/// File operations of the journal: compaction is a whole-file replacement (`AtomicFile`, which the
/// state files use too), then appends go to the replaced file.
enum JournalFile {
    static func rewrite(_ url: URL, with records: [JournalRecord]) throws {
        var bytes: [UInt8] = []
        for record in records { JournalFraming.frame(record, into: &bytes) }
        try AtomicFile.write(bytes, to: url)
        AtomicFile.removeLeftovers(of: url)
    }

    static func openForAppending(_ url: URL) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: url.path),
           !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }
}

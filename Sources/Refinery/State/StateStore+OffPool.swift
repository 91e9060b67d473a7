import Dispatch

extension StateStore {
    /// An fsync takes milliseconds: a store blocks unless it says it keeps the state in memory.
    public var writeBlocks: Bool { true }

    public var readBlocks: Bool { false }

    /// A run of `body` holding the scenario's lock: `body` gets what `setAside` answered when `resetting`
    /// and the state read. Locking, reading and releasing (also when `body` throws) run off the
    /// cooperative pool when reads block.
    func withLock<T>(_ scenario: String, resetting: Bool, _ body: (_ setAside: String?, _ state: ScenarioState) async throws -> T) async throws -> T {
        let (lease, kept, state) = try await open(scenario, resetting: resetting)
        do {
            let result = try await body(kept, state)
            await release(lease)
            return result
        } catch {
            await release(lease)
            throw error
        }
    }

    private func release(_ lease: any StateLease) async {
        if readBlocks { await lease.releaseOffPool() } else { lease.release() }
    }

    private func open(_ scenario: String, resetting: Bool) async throws -> (lease: any StateLease, setAside: String?, state: ScenarioState) {
        let open = { @Sendable () throws -> (lease: any StateLease, setAside: String?, state: ScenarioState) in
            let lease = try self.lock(scenario)
            do {
                let kept = resetting ? try self.setAside(scenario) : nil
                return (lease, kept, try self.read(scenario))
            } catch {
                lease.release()
                throw error
            }
        }
        return readBlocks ? try await BlockingWork.run(open) : try open()
    }

    /// `read`, off the cooperative pool when it blocks.
    public func load(_ scenario: String) async throws -> ScenarioState {
        readBlocks ? try await BlockingWork.run { try self.read(scenario) } : try read(scenario)
    }

    /// `write`, on a thread of the state I/O queue when it blocks, so that no fsync holds one of the
    /// cooperative pool's few threads (other runs, the server, the journal need them).
    func persist(_ state: ScenarioState, for scenario: String) async throws(StateError) {
        guard writeBlocks else { return try write(state, for: scenario) }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, StateError>, Never>) in
            StateIO.queue.async {
                continuation.resume(returning: Result { () throws(StateError) in try self.write(state, for: scenario) })
            }
        }
        try result.get()
    }

    /// `commit`, off the cooperative pool when it blocks (always, with data store batches: each is durable).
    func persist(_ state: ScenarioState, for scenario: String, applying batches: [DataStoreWrite]) async throws {
        guard writeBlocks || !batches.isEmpty else { return try commit(state, for: scenario, applying: batches) }
        try await BlockingWork.run { try self.commit(state, for: scenario, applying: batches) }
    }
}

/// Blocking work (a database round trip, an fsync) on a thread of the state I/O queue, never on one of
/// the cooperative pool's few threads.
public enum BlockingWork {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            StateIO.queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func wait(_ semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            StateIO.queue.async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}

extension StateLease {
    /// `release`, on the state I/O queue: giving up a database lock is a round trip.
    func releaseOffPool() async {
        _ = try? await BlockingWork.run { self.release() }
    }
}

/// Where blocking state writes run: a concurrent queue, so runs of different scenarios do not wait on
/// each other's fsyncs.
enum StateIO {
    static let queue: DispatchQueue = {
        let queue = DispatchQueue(label: "refinery.state-io", attributes: .concurrent)
        queue.setSpecific(key: marker, value: true)
        return queue
    }()

    private static let marker = DispatchSpecificKey<Bool>()

    /// Whether the caller runs on `queue`.
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }
}

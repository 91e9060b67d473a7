import Dispatch

extension StateStore {
    /// An fsync takes milliseconds: a store blocks unless it says it keeps the state in memory.
    public var writeBlocks: Bool { true }

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

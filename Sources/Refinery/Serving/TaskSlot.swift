import Synchronization

/// A background task kept to be awaited (or cancelled) later.
final class TaskSlot: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ newTask: Task<Void, Never>) {
        task.withLock { $0 = newTask }
    }

    func cancel() {
        task.withLock { $0 }?.cancel()
    }

    func value() async {
        await task.withLock { $0 }?.value
    }
}

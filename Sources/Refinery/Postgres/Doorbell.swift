import Synchronization

/// Wakes the claim loops of a worker: rung on a `NOTIFY` (a delivery accepted by any worker) or by this
/// process's receiver; a wait also ends after its timeout, so expired leases are picked up without one.
final class Doorbell: Sendable {
    private let state = Mutex<(rung: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func ring() {
        let waiters = state.withLock { state in
            defer { state.waiters = [] }
            if state.waiters.isEmpty { state.rung = true }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns at the next ring (at once when it rang since the last wait) or after `seconds`.
    func wait(seconds: Double) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            self?.ring()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let rang = state.withLock { state in
                if state.rung {
                    state.rung = false
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if rang { continuation.resume() }
        }
        timer.cancel()
    }
}

import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM. Created before serving: from then on those signals no longer kill
/// the process but end `wait()`, so the command can stop cleanly and exit 0.
final class ShutdownSignals {
    private let latch = SignalLatch()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        let queue = DispatchQueue(label: "refinery.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [latch] in latch.open() }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    func wait() async {
        await latch.wait()
    }
}

/// Opens once; everyone waiting (before or after) then goes on.
final class SignalLatch: Sendable {
    private let state = Mutex(State())

    struct State: ~Copyable {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }
}

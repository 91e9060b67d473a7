import Foundation

/// Runs blocking work (sockets, child processes, pipes) on a thread of its own and waits for it without
/// holding one of the cooperative pool's threads, which other tests' servers need.
package func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

package import Foundation

/// Runs blocking work (sockets, child processes, pipes) on a thread of its own and waits for it without
/// holding one of the cooperative pool's threads, which other tests' servers need.
package func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Runs `executable` to its end off the pool; its exit status and its stdout and stderr together.
package func runToEnd(
    _ executable: URL, _ arguments: [String], in directory: String, environment: [String: String]? = nil
) async throws -> (status: Int32, output: String) {
    try await offPool { () -> (Int32, String) in
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

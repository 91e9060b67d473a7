import Dispatch

/// The executor that runs the server's handlers: a concurrent dispatch queue of its own, so requests are
/// answered even while the cooperative pool (as wide as the machine has cores) is busy with long
/// computations, such as a scenario run in the same process. Handlers still hop to their actors.
final class ServerExecutor: TaskExecutor {
    static let shared = ServerExecutor()

    private let queue = DispatchQueue(label: "refinery.http-handlers", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

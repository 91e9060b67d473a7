import Foundation
import RefineryPostgres
import Synchronization

/// One connection per worker that `LISTEN`s for new deliveries and rings the doorbell of the scenario
/// each `NOTIFY` names, so a delivery accepted by any worker wakes the others at once. A lost connection
/// is made again after a second; meanwhile the claim loops poll on their own.
final class PostgresNotificationListener: Sendable {
    private let store: PostgresStore
    private let doorbells: [String: Doorbell]
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(store: PostgresStore, doorbells: [String: Doorbell]) {
        self.store = store
        self.doorbells = doorbells
    }

    func start() {
        guard !started.exchange(true, ordering: .sequentiallyConsistent) else { return }
        let thread = Thread { [self] in
            listen()
            finished.signal()
        }
        thread.name = "refinery.postgres-listener"
        thread.start()
    }

    func stop() async {
        stopping.store(true, ordering: .sequentiallyConsistent)
        guard started.load(ordering: .sequentiallyConsistent) else { return }
        await BlockingWork.wait(finished)
    }

    private func listen() {
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard let connection = try? PostgresConnection.connect(store.configuration) else {
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            defer { connection.close() }
            do {
                try connection.execute("LISTEN \(PostgresDeliveryQueue.channel)")
                while !stopping.load(ordering: .sequentiallyConsistent) {
                    guard let note = try connection.waitForNotification(timeout: 0.25) else { continue }
                    doorbells[note.payload]?.ring()
                }
            } catch {
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }
}

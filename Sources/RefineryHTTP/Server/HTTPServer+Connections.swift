import Foundation
import Synchronization

/// Admission at the connection cap, shedding, and the phases connections report.
extension HTTPServer {
    /// Admits an accepted connection and serves it on a thread of its own; at the cap it sheds the
    /// connection `SheddingPolicy` picks, and answers 503 only when every connection is running a handler.
    func admit(_ client: Socket) {
        let now = clock.now
        let admission = state.withLock { state in
            let admission = state.connections.admit(now: now)
            if let id = admission.id { state.sockets[id] = client }
            if case .admittedShedding(_, let victim) = admission { state.sockets[victim]?.shutdownRead() }
            return admission
        }
        guard let id = admission.id else {
            _ = client.sendAll(HTTPResponse.serverError(503, "every connection is busy answering a request").wireBytes(keepAlive: false))
            client.close()
            return
        }
        Self.spawn(name: "http-connection") { [self] in
            var connection = HTTPConnection(socket: client, server: self, id: id)
            connection.run()
            state.withLock { _ = $0.sockets.removeValue(forKey: id) }
            client.close()
            finishWork { $0.connections.remove(id) }
        }
    }

    /// Records that connection `id` entered `phase`. False when it was shed: it must close.
    func enter(_ phase: ConnectionPhase, id: Int, at now: Date) -> Bool {
        state.withLock { $0.connections.enter(phase, id: id, now: now) }
    }

    func isShed(_ id: Int) -> Bool {
        state.withLock { $0.connections.isShed(id) }
    }

    /// The open connections by id (shed ones until their threads close them): for tests and diagnostics.
    package var connectionRecords: [Int: ConnectionRecord] {
        state.withLock { $0.connections.records }
    }
}

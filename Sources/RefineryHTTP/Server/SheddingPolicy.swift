import Foundation

/// Which connection to close when the server is at its connection cap and a new one arrives, so that
/// sockets held open by idle or slow clients cannot lock a fresh client out.
///
/// The victim is the connection doing worst, in this order:
/// 1. an idle kept-alive connection (it finished a request; its client can reconnect), longest idle first;
/// 2. a connection waiting for or reading its request line and headers (a fresh connection counts
///    from its accept), longest in that phase first;
/// 3. a connection reading its body, longest in that phase first.
///
/// A connection running a handler (a delivery being processed) or writing its answer is never shed.
/// Ties go to the older connection (the lower id), so the choice is deterministic.
package enum SheddingPolicy {
    /// How early a phase is given up: lower goes first; nil never.
    package static func rank(of phase: ConnectionPhase) -> Int? {
        switch phase {
        case .idle: 0
        case .connected, .readingHead: 1
        case .readingBody: 2
        case .handling: nil
        }
    }

    /// The connection to shed, or nil when none may be (every one is handling a request).
    package static func victim(among records: [Int: ConnectionRecord]) -> Int? {
        let candidates = records.compactMap { id, record -> (rank: Int, since: Date, id: Int)? in
            guard !record.shed, let rank = rank(of: record.phase) else { return nil }
            return (rank, record.since, id)
        }
        return candidates.min { ($0.rank, $0.since, $0.id) < ($1.rank, $1.since, $1.id) }?.id
    }
}

package import Foundation

/// What a connection is doing, as its deadlines and the shedding policy see it.
package enum ConnectionPhase: Sendable, Hashable {
    /// Accepted, no byte of its first request yet (the idle timeout applies).
    case connected
    /// Kept alive after a response, no byte of the next request yet (the idle timeout applies).
    case idle
    /// Reading a request line and header fields (the header deadline applies).
    case readingHead
    /// Reading a request body (the body deadline applies).
    case readingBody
    /// Running the handler or writing its response: never shed, no deadline.
    case handling
}

/// One open connection as the table knows it.
package struct ConnectionRecord: Sendable, Hashable {
    package var phase: ConnectionPhase
    /// When the connection entered `phase`.
    package var since: Date
    /// Closed to make room for a newcomer: no longer counted against the cap; its thread closes it.
    package var shed = false

    package init(phase: ConnectionPhase, since: Date, shed: Bool = false) {
        self.phase = phase
        self.since = since
        self.shed = shed
    }
}

/// The server's open connections and the cap on them: a value with no I/O and no clock (times are
/// passed in), so admission and shedding are tested without sockets. The server keeps one under its lock.
///
/// At the cap, a newcomer is admitted in place of the connection `SheddingPolicy` picks (marked `shed`,
/// its thread closes it); only when none may be shed (every one is running a handler) is it refused.
package struct ConnectionTable: Sendable {
    package enum Admission: Sendable, Hashable {
        case admitted(id: Int)
        case admittedShedding(id: Int, victim: Int)
        case refused

        /// The newcomer's id, unless it was refused.
        package var id: Int? {
            switch self {
            case .admitted(let id), .admittedShedding(let id, _): id
            case .refused: nil
            }
        }
    }

    /// Connections that count against the cap (`HTTPServerLimits.maxConnections`).
    package let capacity: Int
    package private(set) var records: [Int: ConnectionRecord] = [:]
    /// Open connections not shed: never more than `capacity`.
    package private(set) var liveCount = 0
    private var nextID = 0

    package init(capacity: Int) {
        self.capacity = capacity
    }

    /// Admits a connection accepted at `now`, shedding one when the table is full.
    package mutating func admit(now: Date) -> Admission {
        if liveCount < capacity { return .admitted(id: insert(now: now)) }
        guard let victim = SheddingPolicy.victim(among: records) else { return .refused }
        records[victim]?.shed = true
        liveCount -= 1
        return .admittedShedding(id: insert(now: now), victim: victim)
    }

    /// Moves a connection to `phase` at `now`. False when it was shed (or is unknown): its thread must
    /// close it instead, so a shed connection never starts a handler.
    package mutating func enter(_ phase: ConnectionPhase, id: Int, now: Date) -> Bool {
        guard let record = records[id], !record.shed else { return false }
        records[id] = ConnectionRecord(phase: phase, since: now)
        return true
    }

    /// Whether the connection was shed (an unknown one counts as shed).
    package func isShed(_ id: Int) -> Bool {
        records[id]?.shed ?? true
    }

    /// Forgets a closed connection.
    package mutating func remove(_ id: Int) {
        guard let record = records.removeValue(forKey: id) else { return }
        if !record.shed { liveCount -= 1 }
    }

    package var isEmpty: Bool { records.isEmpty }

    private mutating func insert(now: Date) -> Int {
        defer { nextID += 1 }
        records[nextID] = ConnectionRecord(phase: .connected, since: now)
        liveCount += 1
        return nextID
    }
}

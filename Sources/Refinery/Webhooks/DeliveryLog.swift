public import Foundation
public import RefineryJSON

/// Where a webhook receiver makes a delivery durable before it answers 2xx. Two implementations:
/// `DeliveryJournal` (an fsynced file, one process) and `PostgresDeliveryQueue` (a committed row that
/// any worker may claim).
public protocol DeliveryLog: Sendable {
    /// Returns once the delivery is durable; throws `DeliveryJournal.Full`, storing nothing, when
    /// `capacity` deliveries are outstanding.
    func accept(_ payload: JSONValue, receivedAt: Date, capacity: Int) async throws -> Delivery
}

extension DeliveryJournal: DeliveryLog {}

import Foundation
import RefineryJSON

extension SandboxStore {
    /// Events produced by the request being handled, for the sandbox to send after the lock.
    mutating func takeOutbox() -> [WebhookEvent] {
        defer { outbox.removeAll() }
        return outbox
    }

    /// One delivery per event and subscriber that wants it, recorded as pending.
    mutating func plannedDeliveries(for events: [WebhookEvent], at now: Date) -> [PlannedDelivery] {
        var planned: [PlannedDelivery] = []
        for event in events {
            for webhook in webhooks where webhook.events.contains(event.name) {
                if let segment = event.segmentUUID, !webhook.segmentUUIDs.isEmpty, !webhook.segmentUUIDs.contains(segment) {
                    continue
                }
                let record = DeliveryRecord(
                    uuid: random.dataUUID(), webhookUUID: webhook.uuid, url: webhook.url, event: event.name, triggeredAt: now,
                    attempts: 0, lastAttemptAt: nil, lastStatus: nil, delivered: false, lastError: nil
                )
                deliveries.append(record)
                planned.append(PlannedDelivery(record: record, url: webhook.url, secret: webhook.secret, body: event.payload.serializedBytes()))
            }
        }
        return planned
    }

    mutating func record(_ delivery: DeliveryRecord) {
        if let index = deliveries.lastIndex(where: { $0.uuid == delivery.uuid }) { deliveries[index] = delivery }
    }
}

import RefineryJSON

extension SandboxStore {
    /// Events produced by the request being handled, for the sandbox to send after the lock.
    mutating func takeOutbox() -> [WebhookEvent] {
        defer { outbox.removeAll() }
        return outbox
    }

    /// One delivery per event and subscriber that wants it, recorded as pending.
    mutating func plannedDeliveries(for events: [WebhookEvent]) -> [PlannedDelivery] {
        var planned: [PlannedDelivery] = []
        for event in events {
            for webhook in webhooks where webhook.events.contains(event.name) {
                if let segment = event.segmentUUID, !webhook.segmentUUIDs.isEmpty, !webhook.segmentUUIDs.contains(segment) {
                    continue
                }
                let record = DeliveryRecord(
                    uuid: random.dataUUID(), webhookUUID: webhook.uuid, event: event.name,
                    attempts: 0, lastStatus: nil, delivered: false, lastError: nil
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

    /// The payload Refiner POSTs: the contact at the top level, plus `project_uuid`,
    /// `triggered_event` and, for survey events, `form` and `response`.
    func webhookPayload(contact: Contact, event: String, response: SurveyResponse? = nil) -> JSONValue {
        var payload = contactJSON(contact, withComputed: true).objectValue ?? [:]
        payload.updateValue(.string(projectUUID), forKey: "project_uuid")
        payload.updateValue(.string(event), forKey: "triggered_event")
        if let response {
            let form = forms[response.formSeq]
            payload.updateValue(["uuid": .string(form.uuid), "name": .string(form.name)], forKey: "form")
            payload.updateValue(responseCore(response), forKey: "response")
        }
        return .object(payload)
    }
}

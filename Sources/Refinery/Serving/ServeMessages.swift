import Foundation

/// Every message of the serving layer.
enum ServeMessages {
    static func inDoubt(_ id: Int, receivedAt: Int, reason: DeliveryProcessor.InDoubtReason) -> String {
        let delivery = "delivery \(id) (received \(Date(timeIntervalSince1970: Double(receivedAt) / 1000).formatted(.iso8601)))"
        return switch reason {
        case .notRetried:
            delivery + " was being processed when the process stopped: its effects may be partly applied, so it was not run again"
        case .retriesExhausted(let attempts):
            delivery + " was being processed each of the \(attempts) times the process stopped: it may be what stops it, "
                + "so it was not run again (webhook.inDoubtRetries)"
        }
    }
}

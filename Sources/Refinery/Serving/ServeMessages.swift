import Foundation

/// Every message of the serving layer.
enum ServeMessages {
    static func inDoubt(_ id: Int, receivedAt: Int) -> String {
        "delivery \(id) (received \(Date(timeIntervalSince1970: Double(receivedAt) / 1000).formatted(.iso8601))) was being "
            + "processed when the process stopped: its effects may be partly applied, so it was not run again"
    }

}

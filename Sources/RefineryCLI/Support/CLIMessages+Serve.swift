import Foundation
import Refinery

/// The wording of `refinery serve` and `refinery webhook`. Tokens never appear in any of it.
extension CLIMessages {
    static func missingWebhookAPIKey(scenario: String, variable: String) -> String {
        "scenario '\(scenario)' checks its custom webhook's API key: set \(variable) "
            + "(the variable is named by metadata.refinery.webhook.apiKeyVariable)"
    }

    static func missingWebhookToken(scenario: String, variable: String) -> String {
        "scenario '\(scenario)' has an instant trigger and needs its webhook token: set \(variable) "
            + "(the variable is named by metadata.refinery.webhook.tokenVariable)"
    }

    static func weakWebhookToken(scenario: String, variable: String) -> String {
        "scenario '\(scenario)': the webhook token in \(variable) must be at least \(HostedScenario.minimumTokenLength) characters "
            + "without spaces (e.g. openssl rand -hex 32)"
    }

    static func duplicateScenarioName(_ key: String) -> String {
        "two scenarios would be served as '\(key)': give the files different names"
    }

    /// On stdout, one line per webhook scenario: the URL to give Refiner.
    static func serving(_ key: String, url: String) -> String { "\(key) \(url)\n" }

    static func scheduled(_ key: String, _ schedule: Scheduling) -> String {
        let zone = schedule.timeZone ?? "UTC"
        let when = switch schedule.type {
        case "indefinitely": "every \(schedule.interval ?? 0) s"
        case "daily": "daily at \(schedule.time ?? "") \(zone)"
        default: "weekly on days \(schedule.days.map(String.init).joined(separator: ",")) at \(schedule.time ?? "") \(zone)"
        }
        return "refinery serve: '\(key)' runs \(when)\n"
    }

    static func notScheduled(_ key: String, _ schedule: Scheduling?) -> String {
        "warning: '\(key)' is neither an instant trigger nor scheduled (scheduling '\(schedule?.type ?? "none")'): "
            + "serve runs 'indefinitely' with an interval, 'daily' and 'weekly' with a time\n"
    }

    static func serveListening(_ base: String, state: String) -> String {
        "refinery serve: listening on \(base), state in \(state); press Ctrl-C to stop\n"
    }

    static let serveStopping = "refinery serve: stopping (finishing accepted deliveries)\n"
    static let serveStopped = "refinery serve: stopped\n"

    static func serveEvent(_ event: ServeEvent) -> String? {
        switch event {
        case .recovered(let key, let pending, let inDoubt, let runAgain):
            guard pending + inDoubt > 0 else { return nil }
            let handling = [(runAgain, "run again"), (inDoubt - runAgain, "stored as incomplete executions")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            return "refinery serve: '\(key)': \(pending) pending deliveries recovered; \(inDoubt) in doubt"
                + (inDoubt > 0 ? " (\(handling))\n" : "\n")
        case .delivered(let key, let id, let report):
            return "\(key) delivery \(id): \(report.status.rawValue), \(report.operations) operations\(failure(report))\n"
        case .scheduledRun(let key, let report):
            return "\(key) scheduled run: \(report.status.rawValue), \(report.cycles) cycles, \(report.operations) operations\(failure(report))\n"
        case .failed(let key, let message):
            return "\(key): error: \(message)\n"
        }
    }

    /// `: <module> (module N): <type> [HTTP s]: <message>` for a run that did not succeed, else nothing.
    private static func failure(_ report: RunReport) -> String {
        guard report.status != .success, let error = report.firstUnhandledError else { return "" }
        return ": " + error.line
    }

    static func unknownWebhookAction(_ action: String) -> String {
        "unknown webhook action '\(action)'; the only one is 'deliver'"
    }

    static func notInstant(_ file: String) -> String {
        "scenario '\(file)' does not start with an instant trigger: use 'refinery run' for polling scenarios"
    }

    static func invalidPayload(_ file: String, _ detail: String) -> String {
        "\(file): error: the payload is not valid JSON: \(detail)\n"
    }

    static func recoveredDeliveries(_ count: Int) -> String {
        "processed \(count) earlier deliver\(count == 1 ? "y" : "ies") left in the journal first\n"
    }
}

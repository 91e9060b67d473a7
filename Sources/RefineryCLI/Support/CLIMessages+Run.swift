import Foundation
import Refinery

/// Messages of `refinery run` and of the connection set-up.
extension CLIMessages {
    static func missingConnection(app: String, variables: [String]) -> String {
        let names = variables.isEmpty ? "its connection settings" : variables.joined(separator: " and ")
        return "app '\(app)' needs \(names) to reach the real API: set it, or add --sandbox to run on the built-in Refiner sandbox"
    }

    static func unknownReplayMode(_ mode: String) -> String {
        "unknown replay mode '\(mode)'; use none, once, new_episodes or all"
    }

    static let recordAndReplay = "--record and --replay cannot be used together (record with --replay FILE --mode all)"
    static let modeWithoutReplay = "--mode needs --replay FILE"

    static func invalidStart(_ text: String) -> String {
        "--from needs 'all', 'now' or an ISO 8601 date such as 2026-01-31T00:00:00Z, not '\(text)'"
    }

    static func scenarioUnreadable(_ path: String) -> String {
        "cannot read scenario '\(path)'"
    }

    static func cassetteWritten(_ path: String, interactions: Int) -> String {
        "recorded \(interactions) interaction\(interactions == 1 ? "" : "s") to \(path)\n"
    }

    static func unusedInteractions(_ count: Int, path: String) -> String {
        "warning: \(count) recorded interaction\(count == 1 ? " was" : "s were") never requested (\(path))\n"
    }

    static func progress(cycles: Int, operations: Int) -> String {
        "\r\u{1B}[Kcycle \(cycles), \(operations) operations"
    }

    static func stateSetAside(_ path: String) -> String {
        "state set aside in \(path); this run starts over (no trigger position, no incomplete executions)\n"
    }

    /// The readable summary of a run.
    static func runSummary(_ report: RunReport) -> String {
        let cycles = "\(report.cycles) cycle\(report.cycles == 1 ? "" : "s")"
        let operations = "\(report.operations) operation\(report.operations == 1 ? "" : "s")"
        var text = "scenario '\(report.scenario)': \(report.status.rawValue), \(cycles), \(operations)\n"
        let width = report.modules.map(\.module.count).max() ?? 0
        for module in report.modules {
            let name = module.module.padding(toLength: width, withPad: " ", startingAt: 0)
            let filter = module.filter.map { "  filter: \($0.passed) passed, \($0.dropped) dropped" } ?? ""
            text += "  \(String(module.id).leftPadded(3)) \(name)  \(String(module.operations).leftPadded(5)) ops  \(String(module.bundles).leftPadded(6)) bundles\(filter)\n"
        }
        if let limit = report.limit { text += limitReached(limit) }
        if report.incompleteExecutions > 0 { text += "\(report.incompleteExecutions) incomplete execution(s) stored: see 'refinery incomplete list'\n" }
        for error in report.errors {
            let handled = error.handledBy.map { " (handled by \($0))" } ?? ""
            text += "error in module \(error.moduleId) \(error.module), bundle \(error.bundle): \(error.type): \(error.message)\(handled)\n"
        }
        return text
    }
}

extension CLIMessages {
    static func limitReached(_ limit: LimitReached) -> String {
        if limit.kind == .maxCycles {
            let cycles = "\(limit.count) cycle\(limit.count == 1 ? "" : "s")"
            return "more trigger items are waiting: the run stopped after \(cycles) (the scenario's roundtrips, or --max-cycles)\n"
        }
        let module = limit.moduleId.map { " at module \($0)" } ?? ""
        if limit.madeNoProgress {
            return "warning: the trigger\(module) read maxPages (\(limit.count)) pages without reaching the items it saw last: "
                + "no progress was made, and none will be until metadata.refinery.maxPages is raised\n"
        }
        return "stopped by limit \(limit.kind.rawValue)\(module) (\(limit.count)); the trigger position covers what was processed\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension CLIMessages {
    static func unknownIncompleteAction(_ action: String) -> String {
        "unknown action '\(action)'; use list, retry or discard"
    }

    static func unknownIncomplete(_ id: String) -> String {
        "there is no incomplete execution '\(id)'; 'refinery incomplete list SCENARIO' shows them"
    }

    static let incompleteSandboxNeedsState =
        "--sandbox keeps no state between runs: give --state DIR here and to the 'refinery run' that stored them"

    static func incompleteDiscarded(_ count: Int) -> String {
        "discarded \(count) incomplete execution\(count == 1 ? "" : "s")\n"
    }

    static func incompleteList(_ items: [IncompleteExecution], scenario: String) -> String {
        guard !items.isEmpty else { return "no incomplete executions for \(scenario)\n" }
        let format = ISO8601DateFormatter()
        var text = "\(items.count) incomplete execution\(items.count == 1 ? "" : "s") for \(scenario):\n"
        for item in items {
            let retry = item.retry
                ? "attempt \(item.attempts) of \(item.maxAttempts)" + (item.nextAttemptAt.map { ", next at \(format.string(from: $0))" } ?? "")
                : "no automatic retry"
            text += "  \(item.id)  \(format.string(from: item.createdAt))  module \(item.moduleId)  \(item.errorType): \(item.message)  (\(retry))\n"
        }
        return text
    }

    static func incompleteRetried(_ id: String, _ report: RunReport) -> String {
        let outcome = report.status == .success ? "done, removed" : "\(report.status.rawValue), kept"
        let error = report.errors.last.map { ": \($0.type): \($0.message)" } ?? ""
        return "\(id): \(outcome) (\(report.operations) operation\(report.operations == 1 ? "" : "s"))\(error)\n"
    }
}

import Foundation

/// Every message of record and replay in one place. Messages start lowercase and never hold a secret
/// value: they name the secret, the header or the path instead.
enum CassetteMessages {
    static func notFound(_ path: String) -> String {
        "no cassette at '\(path)'; record one with --record, or replay with --mode once to record it now"
    }

    static func unreadable(_ path: String, _ reason: String) -> String {
        "cannot read cassette '\(path)': \(reason)"
    }

    static func invalid(_ path: String, _ reason: String) -> String {
        "'\(path)' is not a valid cassette: \(reason)"
    }

    static func unsupportedVersion(_ path: String, _ version: Int) -> String {
        "cassette '\(path)' has format version \(version); this Refinery reads version \(Cassette.formatVersion)"
    }

    // What is wrong inside a cassette (after the JSON Pointer of the value).
    static let expectedFormatName = "expected \"\(Cassette.formatName)\""
    static let expectedTimestamp = "expected a timestamp like 2026-01-01T00:00:00.000Z"
    static let expectedSeed = "expected a non-negative integer"
    static let missingOutcome = "an interaction needs a 'response' or a 'failure'"
    static let severalBodies = "a body is one of 'json', 'text' or 'base64', not several"
    static let invalidBase64 = "not valid base64"

    static func expected(_ what: String) -> String { "expected \(what)" }
    static func missingMember(_ key: String) -> String { "missing member '\(key)'" }
    static func unknownRedactionKind(_ kind: String) -> String { "unknown redaction kind '\(kind)'" }
    static func unknownFailureKind(_ kind: String) -> String { "unknown failure kind '\(kind)'" }

    static func secretFound(_ secretName: String, _ path: String) -> String {
        "the recording still contains the value of secret '\(secretName)'; nothing was written to '\(path)'"
    }

    static func writeFailed(_ path: String, _ reason: String) -> String {
        "cannot write cassette '\(path)': \(reason)"
    }

    static func shortSecret(_ secretName: String) -> String {
        "secret '\(secretName)' is shorter than \(Redactor.minimumSecretLength) bytes, too short to redact reliably; refusing to record"
    }

    static func invalidSanitizePath(_ path: String) -> String {
        "log.sanitize entry '\(path)' does not name request or response headers, qs or body"
    }

    static func noLiveTransport(_ mode: ReplayMode) -> String {
        "replay mode '\(mode.rawValue)' needs to send requests, but no live transport was given"
    }

    static func unmatched(_ request: String, closest: (index: Int, summary: String)?, lines: [String]) -> String {
        var text = "no recorded interaction matches \(request)"
        guard let closest else { return text + "\n  the cassette has no interactions" }
        text += "\n  closest: interaction \(closest.index + 1), \(closest.summary)"
        for line in lines { text += "\n    \(line)" }
        return text
    }

    static func exhausted(_ request: String, count: Int) -> String {
        let noun = count == 1 ? "the 1 recorded interaction" : "all \(count) recorded interactions"
        return "\(noun) matching \(request) already replayed; the run sent it more often than the recording did"
    }

    /// One line of a mismatch diff.
    static func difference(_ difference: RequestDifference) -> String {
        switch difference {
        case .method(let recorded, let sent):
            "method: recorded \(recorded), sent \(sent)"
        case .path(let recorded, let sent):
            "path: recorded \(recorded), sent \(sent)"
        case .query(let name, let recorded, let sent):
            "query '\(name)': recorded \(shown(recorded)), sent \(shown(sent))"
        case .body(let pointer, let recorded, let sent):
            "body \(pointer.isEmpty ? "(whole)" : pointer): recorded \(shown(recorded)), sent \(shown(sent))"
        }
    }

    static func shown(_ value: String?) -> String {
        guard let value else { return "nothing" }
        return value.count > 80 ? String(value.prefix(77)) + "..." : value
    }

    static func moreDifferences(_ count: Int) -> String {
        "... and \(count) more difference\(count == 1 ? "" : "s")"
    }
}

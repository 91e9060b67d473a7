import Foundation
import RefineryJSON

/// Compares a sent request with a recorded one on what replay matches: method, path, query (in any
/// order) and body (as JSON when both are JSON). A recorded `<redacted>` matches any sent value;
/// headers and scheme/host are not compared.
enum RequestMatcher {
    /// What differs, at most `limit` items; empty means the requests match.
    static func differences(recorded: RecordedRequest, sent: RecordedRequest, limit: Int = 20) -> [RequestDifference] {
        var found: [RequestDifference] = []
        if recorded.method != sent.method {
            found.append(.method(recorded: recorded.method.rawValue, sent: sent.method.rawValue))
        }
        let recordedPath = recorded.path, sentPath = sent.path
        if !RedactedPattern.matches(recorded: recordedPath, sent: sentPath) {
            found.append(.path(recorded: recordedPath, sent: sentPath))
        }
        if found.count < limit { queryDifferences(recorded.queryItems, sent.queryItems, into: &found) }
        if found.count < limit { bodyDifferences(recorded.body, sent.body, into: &found, limit: limit) }
        return Array(found.prefix(limit))
    }

    static func matches(recorded: RecordedRequest, sent: RecordedRequest) -> Bool {
        differences(recorded: recorded, sent: sent, limit: 1).isEmpty
    }

    /// Pairs that match are removed from both sides; what is left differs, paired up by name.
    static func queryDifferences(
        _ recorded: [(name: String, value: String)],
        _ sent: [(name: String, value: String)],
        into found: inout [RequestDifference]
    ) {
        var unsent = sent
        var unmatched: [(name: String, value: String)] = []
        for pair in recorded {
            if let position = unsent.firstIndex(where: { $0.name == pair.name && RedactedPattern.matches(recorded: pair.value, sent: $0.value) }) {
                unsent.remove(at: position)
            } else {
                unmatched.append(pair)
            }
        }
        var names: [String] = []
        for name in unmatched.map(\.name) + unsent.map(\.name) where !names.contains(name) { names.append(name) }
        for name in names {
            let old = unmatched.filter { $0.name == name }.map(\.value)
            let new = unsent.filter { $0.name == name }.map(\.value)
            for position in 0..<max(old.count, new.count) {
                let recordedValue = position < old.count ? quoted(old[position]) : nil
                let sentValue = position < new.count ? quoted(new[position]) : nil
                found.append(.query(name: name, recorded: recordedValue, sent: sentValue))
            }
        }
    }

    static func bodyDifferences(_ recorded: RecordedBody, _ sent: RecordedBody, into found: inout [RequestDifference], limit: Int) {
        switch (recorded, sent) {
        case (.empty, .empty):
            return
        case (.json(let old), .json(let new)):
            JSONComparison(limit: limit).compare(old, new, pointer: "", into: &found)
        case (.text(let old), .text(let new)):
            if !RedactedPattern.matches(recorded: old, sent: new) {
                found.append(.body(pointer: "", recorded: quoted(old), sent: quoted(new)))
            }
        case (.binary(let old), .binary(let new)):
            if old != new { found.append(.body(pointer: "", recorded: shown(recorded), sent: shown(sent))) }
        default:
            found.append(.body(pointer: "", recorded: shown(recorded), sent: shown(sent)))
        }
    }

    static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }

    /// A body as a diff line shows it: compact JSON, a quoted string, a byte count, or nil when empty.
    static func shown(_ body: RecordedBody) -> String? {
        switch body {
        case .empty: nil
        case .json(let value): value.serialized()
        case .text(let text): quoted(text)
        case .binary(let bytes): "\(bytes.count) bytes of binary data"
        }
    }
}

/// Semantic JSON comparison: member order is ignored, `1` equals `1.0`, a recorded `<redacted>` string
/// matches any value, and a recorded string containing `<redacted>` matches by pattern.
struct JSONComparison {
    let limit: Int

    func compare(_ recorded: JSONValue, _ sent: JSONValue, pointer: String, into found: inout [RequestDifference]) {
        guard found.count < limit else { return }
        switch (recorded, sent) {
        case (.string(let old), _) where old == Redactor.marker:
            return
        case (.string(let old), .string(let new)):
            if !RedactedPattern.matches(recorded: old, sent: new) { report(recorded, sent, pointer, &found) }
        case (.object(let old), .object(let new)):
            compareObjects(old, new, pointer: pointer, into: &found)
        case (.array(let old), .array(let new)):
            for index in 0..<max(old.count, new.count) {
                let child = pointer + "/\(index)"
                guard index < old.count, index < new.count else {
                    report(index < old.count ? old[index] : nil, index < new.count ? new[index] : nil, child, &found)
                    continue
                }
                compare(old[index], new[index], pointer: child, into: &found)
            }
        default:
            if !Self.equalScalars(recorded, sent) { report(recorded, sent, pointer, &found) }
        }
    }

    private func compareObjects(_ old: JSONObject, _ new: JSONObject, pointer: String, into found: inout [RequestDifference]) {
        for (key, value) in old {
            let child = pointer + "/" + Self.escaped(key)
            if let sentValue = new[key] {
                compare(value, sentValue, pointer: child, into: &found)
            } else {
                report(value, nil, child, &found)
            }
        }
        for (key, value) in new where old[key] == nil {
            report(nil, value, pointer + "/" + Self.escaped(key), &found)
        }
    }

    private func report(_ recorded: JSONValue?, _ sent: JSONValue?, _ pointer: String, _ found: inout [RequestDifference]) {
        guard found.count < limit else { return }
        found.append(.body(pointer: pointer, recorded: recorded?.serialized(), sent: sent?.serialized()))
    }

    static func equalScalars(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue {
            if case .int(let a) = lhs, case .int(let b) = rhs { return a == b }
            return left == right
        }
        return lhs == rhs
    }

    static func escaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

import RefineryJSON

/// What differs between an expected and an actual JSON value, one line per difference, by JSON Pointer:
/// `/modules/1/operations: expected 3, got 4`. Values are compared exactly (an integer is not a double);
/// object member order does not count. Arrays are compared index by index.
struct JSONDiff {
    /// At most this many lines, then one saying how many more there were.
    var limit = 10
    /// Values longer than this are cut with `...`.
    var valueWidth = 80

    enum Difference: Hashable {
        case changed(JSONPointer, expected: JSONValue, actual: JSONValue)
        case missing(JSONPointer, expected: JSONValue)
        case unexpected(JSONPointer, actual: JSONValue)
    }

    /// Every difference, in document order (the expected document's member order first).
    func differences(expected: JSONValue, actual: JSONValue) -> [Difference] {
        var found: [Difference] = []
        collect(expected, actual, at: .root, into: &found)
        return found
    }

    /// The differences as readable lines, at most `limit` of them plus a count of the rest.
    func lines(expected: JSONValue, actual: JSONValue) -> [String] {
        let all = differences(expected: expected, actual: actual)
        var lines = all.prefix(limit).map(line)
        if all.count > limit { lines.append(CLIMessages.moreDifferences(all.count - limit)) }
        return lines
    }

    private func collect(_ expected: JSONValue, _ actual: JSONValue, at pointer: JSONPointer, into found: inout [Difference]) {
        switch (expected, actual) {
        case (.object(let old), .object(let new)):
            for (key, value) in old {
                if let other = new[key] {
                    collect(value, other, at: pointer.appending(key), into: &found)
                } else {
                    found.append(.missing(pointer.appending(key), expected: value))
                }
            }
            for (key, value) in new where old[key] == nil {
                found.append(.unexpected(pointer.appending(key), actual: value))
            }
        case (.array(let old), .array(let new)):
            for index in 0..<max(old.count, new.count) {
                if index >= new.count {
                    found.append(.missing(pointer.appending(index), expected: old[index]))
                } else if index >= old.count {
                    found.append(.unexpected(pointer.appending(index), actual: new[index]))
                } else {
                    collect(old[index], new[index], at: pointer.appending(index), into: &found)
                }
            }
        default:
            if expected != actual { found.append(.changed(pointer, expected: expected, actual: actual)) }
        }
    }

    func line(_ difference: Difference) -> String {
        switch difference {
        case .changed(let pointer, let expected, let actual):
            CLIMessages.changedValue(at: shown(pointer), expected: shown(expected), actual: shown(actual))
        case .missing(let pointer, let expected):
            CLIMessages.missingValue(at: shown(pointer), expected: shown(expected))
        case .unexpected(let pointer, let actual):
            CLIMessages.unexpectedValue(at: shown(pointer), actual: shown(actual))
        }
    }

    private func shown(_ pointer: JSONPointer) -> String {
        pointer.isRoot ? "(whole report)" : pointer.description
    }

    private func shown(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.count > valueWidth ? String(text.prefix(valueWidth - 3)) + "..." : text
    }
}

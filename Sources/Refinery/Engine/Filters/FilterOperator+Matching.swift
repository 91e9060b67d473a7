import Foundation
import IML
public import RefineryJSON

extension FilterOperator {
    /// Whether `a <operator> b` holds. Operands that cannot be read as the operator's type make the
    /// condition false (as in Make), except for the negated text and array forms, which are then true.
    /// A `text:pattern` that does not finish matching within `BoundedRegex.maxSeconds` throws: the
    /// bundle neither passes nor silently vanishes.
    public func matches(_ a: JSONValue, _ b: JSONValue?) throws(PatternTooSlow) -> Bool {
        let b = b ?? .null
        switch family {
        case .exist: return Self.exists(a)
        case .notexist: return !Self.exists(a)
        case .text: return try matchText(FilterOperands.text(a), FilterOperands.text(b))
        case .number: return ordered(FilterOperands.number(a), FilterOperands.number(b))
        case .date: return ordered(FilterOperands.date(a), FilterOperands.date(b))
        case .time: return ordered(FilterOperands.time(a), FilterOperands.time(b))
        case .semver: return ordered(FilterOperands.semver(a), FilterOperands.semver(b))
        case .array: return matchArray(a, b)
        case .boolean: return matchBoolean(FilterOperands.bool(a), FilterOperands.bool(b))
        }
    }

    static func exists(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        default: true
        }
    }

    private func matchText(_ lhs: String, _ rhs: String) throws(PatternTooSlow) -> Bool {
        guard let comparison else { return false }
        let a = caseInsensitive ? lhs.lowercased() : lhs
        let b = caseInsensitive ? rhs.lowercased() : rhs
        switch comparison {
        case .equal: return a == b
        case .notequal: return a != b
        case .contain: return a.contains(b)
        case .notcontain: return !a.contains(b)
        case .startwith: return a.hasPrefix(b)
        case .notstartwith: return !a.hasPrefix(b)
        case .endwith: return a.hasSuffix(b)
        case .notendwith: return !a.hasSuffix(b)
        case .pattern: return try Self.regex(rhs, matches: lhs, caseInsensitive: caseInsensitive) ?? false
        case .notpattern: return !(try Self.regex(rhs, matches: lhs, caseInsensitive: caseInsensitive) ?? false)
        default: return false
        }
    }

    /// Whether the pattern matches; nil for a pattern that does not compile (the condition is false).
    private static func regex(_ pattern: String, matches text: String, caseInsensitive: Bool) throws(PatternTooSlow) -> Bool? {
        switch BoundedRegex.search(pattern, in: text, caseInsensitive: caseInsensitive) {
        case .matched: return true
        case .notMatched: return false
        case .invalidPattern: return nil
        case .tooSlow: throw PatternTooSlow(pattern: pattern, length: text.count)
        }
    }

    private func ordered<T: Comparable>(_ lhs: T?, _ rhs: T?) -> Bool {
        guard let comparison, let lhs, let rhs else { return comparison == .notequal && (lhs == nil) != (rhs == nil) }
        switch comparison {
        case .equal: return lhs == rhs
        case .notequal: return lhs != rhs
        case .greater: return lhs > rhs
        case .less: return lhs < rhs
        case .greaterorequal: return lhs >= rhs
        case .lessorequal: return lhs <= rhs
        default: return false
        }
    }

    private func matchArray(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard let comparison else { return false }
        let items = a.arrayValue ?? (a.isNull ? [] : [a])
        switch comparison {
        case .contain, .notcontain:
            let needle = caseInsensitive ? FilterOperands.text(b).lowercased() : FilterOperands.text(b)
            let found = items.contains { item in
                let text = FilterOperands.text(item)
                return (caseInsensitive ? text.lowercased() : text) == needle
            }
            return comparison == .contain ? found : !found
        default:
            return ordered(Double(items.count), FilterOperands.number(b))
        }
    }

    private func matchBoolean(_ lhs: Bool?, _ rhs: Bool?) -> Bool {
        switch comparison {
        case .equal: lhs != nil && lhs == rhs
        case .notequal: lhs != rhs
        default: false
        }
    }
}

/// A `text:pattern` condition whose matching ran out of its time budget.
public struct PatternTooSlow: Error, Sendable, Hashable {
    public let pattern: String
    /// The length of the text it was matched against, in characters.
    public let length: Int
}

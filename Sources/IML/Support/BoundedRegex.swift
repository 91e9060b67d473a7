import Dispatch
import Foundation

/// Regular-expression matching with a time budget, so that a pattern that backtracks exponentially
/// (`(a+)+$` on `aaaa…!`) fails instead of running for hours. ICU reports progress at every new start
/// position and about every 10,000 backtracking steps; the search stops at the first report after
/// `maxSeconds` of matching. Reports cannot tell a linear scan of a long text from a short text that
/// backtracks, so the budget is time, not steps: the one limit of IML whose outcome depends on the
/// machine, and only for patterns that take ~10⁸ steps. Every regular expression of the runtime goes
/// through it: IML's `replace()`, filters' `text:pattern`, modules' `validate.pattern`.
public enum BoundedRegex {
    public static let maxSeconds: UInt64 = 1

    /// What searching a text for a pattern gave.
    public enum Outcome: Sendable, Hashable {
        case matched, notMatched, invalidPattern, tooSlow
    }

    /// Whether `pattern` matches anywhere in `text`, within the time budget.
    public static func search(_ pattern: String, in text: String, caseInsensitive: Bool = false) -> Outcome {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []) else {
            return .invalidPattern
        }
        guard let found = matches(of: regex, in: text, all: false) else { return .tooSlow }
        return found.isEmpty ? .notMatched : .matched
    }

    /// Every match (or the first, when `all` is false), or nil when the budget ran out.
    static func matches(of regex: NSRegularExpression, in text: String, all: Bool) -> [NSTextCheckingResult]? {
        var matches: [NSTextCheckingResult] = []
        var exhausted = false
        let deadline = DispatchTime.now().uptimeNanoseconds + maxSeconds * 1_000_000_000
        let range = NSRange(location: 0, length: (text as NSString).length)
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { match, _, stop in
            if let match {
                matches.append(match)
                if !all { stop.pointee = true }
            } else if DispatchTime.now().uptimeNanoseconds > deadline {
                exhausted = true
                stop.pointee = true
            }
        }
        return exhausted ? nil : matches
    }
}

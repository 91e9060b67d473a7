import Dispatch
import Foundation

/// Regular-expression matching with a time budget, so that a pattern that backtracks exponentially
/// (`(a+)+$` on `aaaa…!`) fails instead of running for hours. ICU reports progress at every new start
/// position and about every 10,000 backtracking steps; the search stops at the first report after
/// `maxSeconds` of matching. Reports cannot tell a linear scan of a long text from a short text that
/// backtracks, so the budget is time, not steps: the one limit of IML whose outcome depends on the
/// machine, and only for patterns that take ~10⁸ steps.
enum BoundedRegex {
    static let maxSeconds: UInt64 = 1

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

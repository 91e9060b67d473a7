import Foundation

/// A regular expression written as JavaScript writes it (Make's patterns are JavaScript's), compiled for
/// ICU's `NSRegularExpression` and matched within `BoundedRegex`'s time budget. IML's `replace()` and the
/// Text parser modules use it, so a pattern means the same everywhere.
///
/// What the translation changes so that ICU matches as JavaScript would: `\d` and `\w` are ASCII
/// (`[0-9]`, `[A-Za-z0-9_]`), `$` without the multiline flag is the end of the text only, `[^]` is any
/// character and `[]` nothing, a `[` inside a class is that character, and named groups
/// (`(?<fwd_name>…)`, which ICU would reject for the `_`) become numbered ones whose names are kept here.
public struct JavaScriptRegex: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable once built and documented as safe to share.

    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `g`: every match rather than the first.
        public static let global = Flags(rawValue: 1)
        /// `i`: case-insensitive.
        public static let ignoreCase = Flags(rawValue: 2)
        /// `m`: `^` and `$` match at line breaks.
        public static let multiline = Flags(rawValue: 4)
        /// `s`: `.` matches line breaks.
        public static let dotAll = Flags(rawValue: 8)

        /// The flags of a `/pattern/flags` literal (`u` and `y` change nothing here).
        public init(letters: String) {
            self = []
            if letters.contains("g") { insert(.global) }
            if letters.contains("i") { insert(.ignoreCase) }
            if letters.contains("m") { insert(.multiline) }
            if letters.contains("s") { insert(.dotAll) }
        }
    }

    public enum Failure: Error, Sendable, Hashable {
        /// The pattern does not compile.
        case invalidPattern
        /// Matching ran out of `BoundedRegex.maxSeconds`.
        case tooSlow
        /// A replacement's result would pass the size given.
        case tooLarge
    }

    /// One match: the whole matched text and each capture group's (nil when it took no part).
    public struct Match: Sendable, Hashable {
        public var text: String
        public var groups: [String?]
    }

    public let source: String
    public let flags: Flags
    /// Each capture group's name, or nil for an unnamed one, in group order.
    public let groupNames: [String?]
    let regex: NSRegularExpression

    public init(_ source: String, flags: Flags) throws(Failure) {
        let translation = Self.translate(source, multiline: flags.contains(.multiline))
        var options: NSRegularExpression.Options = []
        if flags.contains(.ignoreCase) { options.insert(.caseInsensitive) }
        if flags.contains(.multiline) { options.insert(.anchorsMatchLines) }
        if flags.contains(.dotAll) { options.insert(.dotMatchesLineSeparators) }
        guard let regex = try? NSRegularExpression(pattern: translation.pattern, options: options) else {
            throw .invalidPattern
        }
        self.source = source
        self.flags = flags
        self.groupNames = translation.groupNames
        self.regex = regex
    }

    /// Every match (with `global`) or the first.
    public func matches(in text: String) throws(Failure) -> [Match] {
        let whole = text as NSString
        return try results(in: text).map { result in
            let groups = (1..<result.numberOfRanges).map { index -> String? in
                let range = result.range(at: index)
                return range.location == NSNotFound ? nil : whole.substring(with: range)
            }
            return Match(text: whole.substring(with: result.range), groups: groups)
        }
    }

    /// `text` with the matches (every one with `global`, else the first) replaced by `replacement`, in
    /// which `$&` is the match, `$1`…`$99` a group, `$<name>` a named group and `$$` a dollar sign.
    public func replacing(in text: String, with replacement: String, maxBytes: Int) throws(Failure) -> String {
        let whole = text as NSString
        var result = ""
        var cursor = 0
        for match in try results(in: text) {
            result += whole.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            result += expand(replacement, match: match, in: whole)
            cursor = match.range.location + match.range.length
            guard result.utf8.count <= maxBytes else { throw .tooLarge }
        }
        result += whole.substring(from: cursor)
        guard result.utf8.count <= maxBytes else { throw .tooLarge }
        return result
    }

    private func results(in text: String) throws(Failure) -> [NSTextCheckingResult] {
        guard let found = BoundedRegex.matches(of: regex, in: text, all: flags.contains(.global)) else { throw .tooSlow }
        return found
    }
}

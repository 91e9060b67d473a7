import Foundation
import RefineryJSON

extension FunctionLibrary {
    /// `replace(text; search; replacement)`: a plain search replaces every occurrence; `/pattern/flags`
    /// is a regular expression (`g` all matches, `i` case-insensitive, `m` multi-line, `s` dot matches
    /// newlines) and the replacement may use `$&`, `$1`...`$99`, `$<name>` and `$$`; the pattern is JavaScript's
    /// (`JavaScriptRegex`), its matching bounded in time.
    static func replace(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let text = try args.text(0), search = try args.text(1), replacement = try args.text(2)
        guard let (pattern, flags) = regexParts(search) else {
            if search.isEmpty { return .string(replacement + text) }
            try checkGrowth(of: text, search: search, replacement: replacement, args)
            return .string(text.replacingOccurrences(of: search, with: replacement))
        }
        do {
            let regex = try JavaScriptRegex(pattern, flags: JavaScriptRegex.Flags(letters: flags))
            return .string(try regex.replacing(in: text, with: replacement, maxBytes: IMLLimits.maxTextBytes))
        } catch {
            switch error {
            case .invalidPattern: throw .invalidRegex(function: args.function, pattern: search, column: args.column)
            case .tooSlow: throw .regexTooComplex(function: args.function, pattern: search, column: args.column)
            case .tooLarge: throw .tooLarge("the result of 'replace'", column: args.column)
            }
        }
    }

    /// A plain replacement's result size, known before it is built: over `IMLLimits.maxTextBytes` is an error.
    private static func checkGrowth(of text: String, search: String, replacement: String, _ args: CallArguments) throws(IMLError) {
        let growth = replacement.utf8.count - search.utf8.count
        guard growth > 0 else { return }
        var occurrences = 0
        var range = text.startIndex..<text.endIndex
        while let found = text.range(of: search, range: range) {
            occurrences += 1
            guard text.utf8.count + occurrences * growth <= IMLLimits.maxTextBytes else {
                throw .tooLarge("the result of 'replace'", column: args.column)
            }
            range = found.upperBound..<text.endIndex
        }
    }

    /// `/pattern/flags` split into its parts; nil for plain text.
    static func regexParts(_ search: String) -> (String, String)? {
        guard search.count >= 2, search.hasPrefix("/"), let last = search.lastIndex(of: "/"),
              last != search.startIndex else { return nil }
        let flags = search[search.index(after: last)...]
        guard flags.allSatisfy({ "gimsuy".contains($0) }) else { return nil }
        return (String(search[search.index(after: search.startIndex)..<last]), String(flags))
    }
}

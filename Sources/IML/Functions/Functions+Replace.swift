import Foundation
import RefineryJSON

extension FunctionLibrary {
    /// `replace(text; search; replacement)`: a plain search replaces every occurrence; `/pattern/flags`
    /// is a regular expression (`g` all matches, `i` case-insensitive, `m` multi-line, `s` dot matches
    /// newlines) and the replacement may use `$&`, `$1`...`$99` and `$$`. Matching is bounded (`BoundedRegex`).
    static func replace(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let text = try args.text(0), search = try args.text(1), replacement = try args.text(2)
        guard let (pattern, flags) = regexParts(search) else {
            if search.isEmpty { return .string(replacement + text) }
            try checkGrowth(of: text, search: search, replacement: replacement, args)
            return .string(text.replacingOccurrences(of: search, with: replacement))
        }
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else {
            throw .invalidRegex(function: args.function, pattern: search, column: args.column)
        }
        guard let matches = BoundedRegex.matches(of: regex, in: text, all: flags.contains("g")) else {
            throw .regexTooComplex(function: args.function, pattern: search, column: args.column)
        }
        let whole = text as NSString
        var result = ""
        var cursor = 0
        for match in matches {
            result += whole.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            result += expand(replacement, match: match, in: whole)
            cursor = match.range.location + match.range.length
            guard result.utf8.count <= IMLLimits.maxTextBytes else { throw .tooLarge("the result of 'replace'", column: args.column) }
        }
        result += whole.substring(from: cursor)
        return .string(result)
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

    private static func expand(_ replacement: String, match: NSTextCheckingResult, in text: NSString) -> String {
        let characters = Array(replacement)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$", index + 1 < characters.count else {
                result.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "$" {
                result.append("$")
                index += 2
            } else if next == "&" {
                result += text.substring(with: match.range)
                index += 2
            } else if let digit = next.wholeNumberValue, next.isASCII {
                var group = digit
                var used = 2
                if index + 2 < characters.count, let second = characters[index + 2].wholeNumberValue,
                   characters[index + 2].isASCII, group * 10 + second < match.numberOfRanges {
                    group = group * 10 + second
                    used = 3
                }
                if group > 0, group < match.numberOfRanges {
                    let range = match.range(at: group)
                    if range.location != NSNotFound { result += text.substring(with: range) }
                } else {
                    result += String(characters[index..<index + used])
                }
                index += used
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }
}

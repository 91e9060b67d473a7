import Foundation

extension JavaScriptRegex {
    struct Translation {
        var pattern = ""
        var groupNames: [String?] = []
    }

    /// The ICU pattern that matches as the JavaScript `source` does, and its groups' names.
    static func translate(_ source: String, multiline: Bool) -> Translation {
        let scalars = Array(source.unicodeScalars)
        var out = Translation()
        var names: [String: Int] = [:]
        collectNames(scalars, into: &names)
        var inClass = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\" where index < scalars.count:
                index = escape(scalars, at: index, inClass: inClass, names: names, into: &out.pattern)
            case "[" where inClass:
                out.pattern += "\\["
            case "&" where inClass:
                out.pattern += "\\&"
            case "]" where inClass:
                inClass = false
                out.pattern += "]"
            case "[":
                if scalars.dropFirst(index).starts(with: ["^", "]"]) {
                    out.pattern += "[\\s\\S]"
                    index += 2
                } else if index < scalars.count, scalars[index] == "]" {
                    out.pattern += "(?!)"
                    index += 1
                } else {
                    inClass = true
                    out.pattern += "["
                    if index < scalars.count, scalars[index] == "^" {
                        out.pattern += "^"
                        index += 1
                    }
                }
            case "(" where !inClass:
                index = group(scalars, at: index, into: &out)
            case "$" where !inClass && !multiline:
                out.pattern += "(?![\\s\\S])"
            default:
                out.pattern.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// After `(`: a named group becomes a numbered one (its name kept), `(?…` constructs stay.
    private static func group(_ scalars: [Unicode.Scalar], at start: Int, into out: inout Translation) -> Int {
        out.pattern += "("
        guard start < scalars.count, scalars[start] == "?" else {
            out.groupNames.append(nil)
            return start
        }
        guard let name = groupName(scalars, at: start) else { return start }
        out.groupNames.append(name)
        return start + 2 + name.unicodeScalars.count + 1
    }

    /// The name of `(?<name>` when `start` is at its `?`; nil for lookbehinds and other constructs.
    private static func groupName(_ scalars: [Unicode.Scalar], at start: Int) -> String? {
        guard start + 2 < scalars.count, scalars[start + 1] == "<", scalars[start + 2] != "=", scalars[start + 2] != "!",
              let close = scalars[(start + 2)...].firstIndex(of: ">") else { return nil }
        return String(String.UnicodeScalarView(scalars[(start + 2)..<close]))
    }

    /// Group numbers by name, so `\k<name>` can become `\N` wherever it appears.
    private static func collectNames(_ scalars: [Unicode.Scalar], into names: inout [String: Int]) {
        var translation = Translation()
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\\" { index += 1; continue }
            if scalar == "[" { inClass = true } else if scalar == "]" { inClass = false }
            if scalar == "(", !inClass {
                translation.pattern = ""
                index = group(scalars, at: index, into: &translation)
            }
        }
        for (number, name) in translation.groupNames.enumerated() {
            if let name { names[name] = number + 1 }
        }
    }

    /// One escape after `\`: ASCII `\d` `\w` (and their negations), `\k<name>`; the rest as written.
    private static func escape(_ scalars: [Unicode.Scalar], at start: Int, inClass: Bool, names: [String: Int], into pattern: inout String) -> Int {
        let scalar = scalars[start]
        switch scalar {
        case "d": pattern += inClass ? "0-9" : "[0-9]"
        case "w": pattern += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
        case "D" where !inClass: pattern += "[^0-9]"
        case "W" where !inClass: pattern += "[^A-Za-z0-9_]"
        case "k" where !inClass:
            if start + 1 < scalars.count, scalars[start + 1] == "<",
               let close = scalars[(start + 1)...].firstIndex(of: ">"),
               let number = names[String(String.UnicodeScalarView(scalars[(start + 2)..<close]))] {
                pattern += "\\\(number)"
                return close + 1
            }
            pattern += "\\k"
        default:
            pattern += "\\"
            pattern.unicodeScalars.append(scalar)
        }
        return start + 1
    }

    /// The replacement text for one match: `$&`, `$1`…`$99`, `$<name>`, `$$`; anything else as written.
    func expand(_ replacement: String, match: NSTextCheckingResult, in text: NSString) -> String {
        let characters = Array(replacement)
        var result = ""
        var index = 0
        func group(_ number: Int) -> String {
            let range = match.range(at: number)
            return range.location == NSNotFound ? "" : text.substring(with: range)
        }
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
            } else if next == "<", let close = characters[(index + 2)...].firstIndex(of: ">"),
                      let number = groupNames.firstIndex(of: String(characters[(index + 2)..<close])) {
                result += group(number + 1)
                index = close + 1
            } else if let digit = next.wholeNumberValue, next.isASCII {
                var number = digit
                var used = 2
                if index + 2 < characters.count, let second = characters[index + 2].wholeNumberValue,
                   characters[index + 2].isASCII, number * 10 + second < match.numberOfRanges {
                    number = number * 10 + second
                    used = 3
                }
                result += number > 0 && number < match.numberOfRanges ? group(number) : String(characters[index..<index + used])
                index += used
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }
}

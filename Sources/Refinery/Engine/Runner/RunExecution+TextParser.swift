import IML
import RefineryJSON

extension RunExecution {
    /// The output bundles of one of Make's Text parser modules for one incoming bundle.
    func runTextParser(_ tool: TextParserTool, _ node: PlanNode, scope: BundleScope) throws(ModuleError) -> [JSONValue] {
        let input = TextParserInput(mapper: try evaluateObject(node.mapper, scope), parameters: try evaluateObject(node.parameters, scope), module: node.module)
        switch tool {
        case .parser, .advancedParser: return try Self.matched(input)
        case .replace: return [["text": .string(try Self.replaced(input))]]
        case .htmlToText: return [["text": .string(Self.plainText(input))]]
        }
    }

    /// A bundle per match (the first only without `global`): `i` (from 1), each group that took part as
    /// `$1`, `$2`… or by its name, and `__IMTMATCH__`, the whole match. No match: no bundle, so the
    /// route stops, or one empty bundle with `continueWhenNoRes`.
    static func matched(_ input: TextParserInput) throws(ModuleError) -> [JSONValue] {
        let regex = try input.regex()
        let text = input.text("text")
        let matches: [JavaScriptRegex.Match]
        do {
            matches = try regex.matches(in: text)
        } catch {
            throw input.failure(error, text: text)
        }
        if matches.isEmpty { return input.flag("continueWhenNoRes") ? [[:]] : [] }
        return matches.enumerated().map { index, match in
            var bundle: JSONObject = ["i": .int(index + 1)]
            for (number, group) in match.groups.enumerated() {
                guard let group else { continue }
                bundle[regex.groupNames[number] ?? "$\(number + 1)"] = .string(group)
            }
            bundle["__IMTMATCH__"] = .string(match.text)
            return .object(bundle)
        }
    }

    /// `text` with the matches of `pattern` (all with `global`) replaced by `value`, where `$&`, `$1`…
    /// and `$<name>` insert the match or a group.
    static func replaced(_ input: TextParserInput) throws(ModuleError) -> String {
        let regex = try input.regex()
        let text = input.text("text")
        do {
            return try regex.replacing(in: text, with: input.text("value"), maxBytes: IMLLimits.maxTextBytes)
        } catch {
            throw input.failure(error, text: text)
        }
    }

    /// `html` as text, lines ending with `newline` (`lf`, `crlf` or `cr`; default `lf`).
    static func plainText(_ input: TextParserInput) -> String {
        let newline = TextParserInput.newlines[input.text("newline").lowercased()] ?? "\n"
        return HTMLText(uppercaseHeadings: input.flag("uppercaseHeadings")).text(of: input.text("html"), newline: newline)
    }
}

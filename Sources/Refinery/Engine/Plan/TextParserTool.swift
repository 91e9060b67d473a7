/// Make's Text parser modules (`regexp:*`): one bundle in, their matches or text out
/// (`RunExecution+TextParser`).
public enum TextParserTool: String, Sendable, Hashable {
    /// `regexp:Parser`: a bundle per match of the `pattern` parameter (`i`, `$1`… or named groups,
    /// `__IMTMATCH__`).
    case parser
    /// `regexp:AdvancedParser`: the same with the pattern mapped (`mapper.pattern`).
    case advancedParser
    /// `regexp:Replace`: `{text}`, the text with the pattern's matches replaced by `value`.
    case replace
    /// `regexp:HTMLToText`: `{text}`, the `html` as plain text.
    case htmlToText
}

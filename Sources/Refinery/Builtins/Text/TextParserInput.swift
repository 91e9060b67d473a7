import IML
import RefineryJSON

/// What a Text parser module was given, evaluated: each key is read from the mapper first, then the
/// parameters (Make keeps `regexp:Parser`'s pattern and flags in `parameters`, `regexp:Replace`'s in
/// `mapper`).
struct TextParserInput {
    var mapper: JSONObject
    var parameters: JSONObject
    var module: String

    static let newlines = ["lf": "\n", "crlf": "\r\n", "cr": "\r"]

    func value(_ key: String) -> JSONValue {
        mapper[key] ?? parameters[key] ?? .null
    }

    func text(_ key: String) -> String {
        FilterOperands.text(value(key))
    }

    /// A checkbox: `true`, `"true"`, `1`…; absent or empty is `fallback`.
    func flag(_ key: String, default fallback: Bool = false) -> Bool {
        FilterOperands.bool(value(key)) ?? fallback
    }

    /// The flags Make's checkboxes set: `global`, `sensitive` (case-sensitive unless it is false),
    /// `multiline` (`^`/`$` at line breaks), `singleline` (`.` matches line breaks).
    var flags: JavaScriptRegex.Flags {
        var flags: JavaScriptRegex.Flags = []
        if flag("global") { flags.insert(.global) }
        if !flag("sensitive", default: true) { flags.insert(.ignoreCase) }
        if flag("multiline") { flags.insert(.multiline) }
        if flag("singleline") { flags.insert(.dotAll) }
        return flags
    }

    /// The pattern compiled with the flags; a pattern that does not compile is the module's error.
    func regex() throws(ModuleError) -> JavaScriptRegex {
        let pattern = text("pattern")
        do {
            return try JavaScriptRegex(pattern, flags: flags)
        } catch {
            throw ModuleError(.data, code: "builtin.invalid-pattern", message: TextParserMessages.invalidPattern(pattern, module: module))
        }
    }

    /// The error for a failure while matching `text`.
    func failure(_ error: JavaScriptRegex.Failure, text: String) -> ModuleError {
        switch error {
        case .invalidPattern:
            ModuleError(.data, code: "builtin.invalid-pattern", message: TextParserMessages.invalidPattern(self.text("pattern"), module: module))
        case .tooSlow:
            ModuleError(.data, code: "builtin.pattern-too-slow", message: TextParserMessages.patternTooSlow(self.text("pattern"), module: module, length: text.count))
        case .tooLarge:
            ModuleError(.data, code: "builtin.text-too-large", message: TextParserMessages.textTooLarge(module: module))
        }
    }
}

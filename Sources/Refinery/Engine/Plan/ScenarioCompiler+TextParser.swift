import IML
import RefineryJSON

extension ScenarioCompiler {
    /// The Text parser modules: a pattern written as it is (no `{{ }}`) is compiled now, so a bad one
    /// is a problem of the blueprint, not of its first run.
    mutating func textParserKind(_ builtin: BuiltinModule, node: BlueprintNode) -> PlanNodeKind {
        switch builtin {
        case .textParser:
            checkPattern(node, section: "parameters")
            return .textParser(.parser)
        case .advancedTextParser:
            checkPattern(node, section: "mapper")
            return .textParser(.advancedParser)
        case .textReplace:
            checkPattern(node, section: "mapper")
            return .textParser(.replace)
        default:
            requireMapperKey("html", in: node)
            checkNewline(node)
            return .textParser(.htmlToText)
        }
    }

    private mutating func checkPattern(_ node: BlueprintNode, section: String) {
        let values = section == "mapper" ? node.mapper : node.parameters
        guard let value = values["pattern"], !value.isNull else {
            report("scenario.missing-field", EngineMessages.missingField("pattern", module: node.module), at: node.pointer.appending(section), atKey: true)
            return
        }
        guard let pattern = value.stringValue, !pattern.contains("{{") else { return }
        if (try? JavaScriptRegex(pattern, flags: [])) == nil {
            report("scenario.invalid-pattern", TextParserMessages.invalidPattern(pattern, module: node.module), at: node.pointer.appending(section).appending("pattern"))
        }
    }

    private mutating func checkNewline(_ node: BlueprintNode) {
        guard let newline = node.mapper["newline"]?.stringValue, !newline.contains("{{"), !newline.isEmpty,
              TextParserInput.newlines[newline.lowercased()] == nil else { return }
        report("scenario.invalid-value", TextParserMessages.unknownNewline(newline), at: node.pointer.appending("mapper").appending("newline"))
    }
}

import RefineryJSON

extension TemplateTree {
    static func compile(_ value: JSONValue, at pointer: JSONPointer, errors: inout [IMLTreeError.Entry]) -> Node {
        switch value {
        case .string(let text):
            do {
                let template = try Template(text)
                return template.isPlain ? .constant(value) : .template(template, pointer)
            } catch {
                errors.append(IMLTreeError.Entry(pointer: pointer, error: error, isKey: false))
                return .constant(value)
            }
        case .array(let items):
            let nodes = items.enumerated().map { compile($1, at: pointer.appending($0), errors: &errors) }
            if nodes.allSatisfy(\.isConstant) { return .constant(value) }
            return .array(nodes)
        case .object(let object):
            return compileObject(object, at: pointer, errors: &errors)
        default:
            return .constant(value)
        }
    }

    private static func compileObject(_ object: JSONObject, at pointer: JSONPointer, errors: inout [IMLTreeError.Entry]) -> Node {
        var members: [Member] = []
        var allConstant = true
        for (key, member) in object {
            let memberPointer = pointer.appending(key)
            var keyTemplate = Template(plain: key)
            do {
                keyTemplate = try Template(key)
            } catch {
                errors.append(IMLTreeError.Entry(pointer: memberPointer, error: error, isKey: true))
            }
            let node = compile(member, at: memberPointer, errors: &errors)
            allConstant = allConstant && keyTemplate.isPlain && node.isConstant
            members.append(Member(key: keyTemplate, value: node))
        }
        if allConstant { return .constant(.object(object)) }
        // The source object's keys are unique; they stay unique when none of them is a template.
        return .object(members, uniqueKeys: members.allSatisfy(\.key.isPlain))
    }

    static func collectTemplates(_ node: Node, _ visit: (Template) -> Void) {
        switch node {
        case .constant: break
        case .template(let template, _): visit(template)
        case .array(let items): items.forEach { collectTemplates($0, visit) }
        case .object(let members, _):
            for member in members {
                if !member.key.isPlain { visit(member.key) }
                collectTemplates(member.value, visit)
            }
        }
    }
}

extension TemplateTree.Node {
    var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}

extension Template {
    /// A template known to hold no expression.
    init(plain text: String) {
        self.source = text
        self.body = .plain
    }
}

public import RefineryJSON

/// A JSON value whose strings are templates (an "IML object"): `qs`, `headers`, `body`, a scenario
/// `mapper`. Object keys that contain `{{` are templates too and evaluate to text.
///
/// Evaluation rules for the keywords: a member or item whose template picks `ignore` is left out; one
/// that picks `erase` becomes `null`. Subtrees without templates are kept as constants.
public struct TemplateTree: Sendable {
    public let source: JSONValue
    let root: Node

    indirect enum Node: Sendable {
        case constant(JSONValue)
        /// With the pointer of its string, so an evaluation error says where it happened.
        case template(Template, JSONPointer)
        case array([Node])
        /// `uniqueKeys`: every key is plain text and no two are equal, so evaluation appends members
        /// without looking each key up in the object built so far.
        case object([Member], uniqueKeys: Bool)
    }

    struct Member: Sendable {
        let key: Template
        let value: Node
    }

    /// Compiles every string of `value`, collecting every error with the pointer of its string. `pointer`
    /// is where `value` sits in its file, so the errors' pointers are absolute.
    public init(_ value: JSONValue, at pointer: JSONPointer = .root) throws(IMLTreeError) {
        var errors: [IMLTreeError.Entry] = []
        let root = Self.compile(value, at: pointer, errors: &errors)
        guard errors.isEmpty else { throw IMLTreeError(errors: errors) }
        self.source = value
        self.root = root
    }

    /// True when no string in the tree holds `{{ }}`.
    public var isPlain: Bool {
        if case .constant = root { return true }
        return false
    }

    public var referencedRoots: [String] {
        var roots: [String] = []
        Self.collectTemplates(root) { template in
            for name in template.referencedRoots where !roots.contains(name) { roots.append(name) }
        }
        return roots
    }

    public func evaluate(in context: EvaluationContext) throws(IMLError) -> JSONValue {
        var evaluator = Evaluator(context: context)
        switch try Self.evaluate(root, with: &evaluator) {
        case .value(let value): return value
        case .erase, .ignore: return .null
        }
    }

    private static func evaluate(_ node: Node, with evaluator: inout Evaluator) throws(IMLError) -> MappedValue {
        switch node {
        case .constant(let value):
            return .value(value)
        case .template(let template, let pointer):
            do {
                return try template.evaluateMapping(with: &evaluator)
            } catch {
                throw error.located(at: pointer)
            }
        case .array(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for item in items {
                switch try evaluate(item, with: &evaluator) {
                case .value(let value): result.append(value)
                case .erase: result.append(.null)
                case .ignore: continue
                }
            }
            return .value(.array(result))
        case .object(let members, let uniqueKeys):
            return .value(.object(try evaluate(members, uniqueKeys: uniqueKeys, with: &evaluator)))
        }
    }

    private static func evaluate(
        _ members: [Member], uniqueKeys: Bool, with evaluator: inout Evaluator
    ) throws(IMLError) -> JSONObject {
        var object = JSONObject(minimumCapacity: members.count)
        for member in members {
            let key = member.key.isPlain ? member.key.source : try member.key.evaluate(with: &evaluator).imlText
            let value: JSONValue
            switch try evaluate(member.value, with: &evaluator) {
            case .value(let mapped): value = mapped
            case .erase: value = .null
            case .ignore: continue
            }
            if uniqueKeys { object.appendUnchecked(key, value) } else { object.updateValue(value, forKey: key) }
        }
        return object
    }
}

extension IMLError {
    /// This error at `pointer`, unless it already knows where it is.
    func located(at pointer: JSONPointer) -> IMLError {
        guard self.pointer == nil else { return self }
        var located = self
        located.pointer = pointer
        return located
    }
}

extension TemplateTree: Hashable {
    public static func == (lhs: TemplateTree, rhs: TemplateTree) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Every template error of a tree, each with the JSON pointer of its string.
public struct IMLTreeError: Error, Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var pointer: JSONPointer
        public var error: IMLError
        /// True when the template is the object key at `pointer` rather than its value.
        public var isKey: Bool
    }

    public var errors: [Entry]

    /// The errors as diagnostics located in `document`.
    public func diagnostics(in document: JSONDocument) -> [Diagnostic] {
        errors.map { $0.error.diagnostic(in: document, at: $0.pointer, atKey: $0.isKey) }
    }
}

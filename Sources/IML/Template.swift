public import RefineryJSON

/// One IML string, compiled once and evaluated many times.
///
/// A string without `{{` is plain text. A string that is exactly one `{{ expression }}` keeps the value's
/// type (object, array, number, boolean, null); any other mix of text and expressions gives a string.
/// Compiling checks syntax, unknown functions (with a "did you mean") and argument counts.
public struct Template: Sendable {
    public let source: String
    let body: Body

    enum Body: Sendable {
        case plain
        case single(Expr)
        case parts([Part])
    }

    enum Part: Sendable {
        case text(String)
        case expr(Expr)
    }

    public init(_ source: String) throws(IMLError) {
        self.source = source
        self.body = try TemplateCompiler.compile(source, library: .standard)
    }

    /// True when the string holds no `{{ }}` at all: it evaluates to itself.
    public var isPlain: Bool {
        if case .plain = body { return true }
        return false
    }

    /// The first path segments the template reads, in order of first use: `["1", "parameters"]`.
    public var referencedRoots: [String] {
        var roots: [String] = []
        let collector = RootCollector { root in if !roots.contains(root) { roots.append(root) } }
        switch body {
        case .plain: break
        case .single(let expr): collector.visit(expr)
        case .parts(let parts):
            for case .expr(let expr) in parts { collector.visit(expr) }
        }
        return roots
    }

    /// The value of the template. `erase` and `ignore` give `null` here; use `evaluateMapping` to tell them
    /// apart.
    public func evaluate(in context: EvaluationContext) throws(IMLError) -> JSONValue {
        var evaluator = Evaluator(context: context)
        return try evaluate(with: &evaluator)
    }

    /// The value of the template, or `.erase` / `.ignore` when the whole template picks that keyword
    /// (directly, or through `if`, `ifempty` or `switch`: `{{if(1.name; 1.name; ignore)}}`).
    public func evaluateMapping(in context: EvaluationContext) throws(IMLError) -> MappedValue {
        var evaluator = Evaluator(context: context)
        return try evaluateMapping(with: &evaluator)
    }

    func evaluate(with evaluator: inout Evaluator) throws(IMLError) -> JSONValue {
        switch body {
        case .plain: return .string(source)
        case .single(let expr): return try evaluator.value(expr)
        case .parts(let parts): return .string(try Self.render(parts, with: &evaluator))
        }
    }

    func evaluateMapping(with evaluator: inout Evaluator) throws(IMLError) -> MappedValue {
        guard case .single(let expr) = body else { return .value(try evaluate(with: &evaluator)) }
        return try Self.mapping(expr, with: &evaluator)
    }

    /// Recursing into the branch a conditional picks (rather than looping over a `var`) lets the
    /// expression stay borrowed from the compiled template instead of being copied.
    private static func mapping(_ expr: Expr, with evaluator: inout Evaluator) throws(IMLError) -> MappedValue {
        switch expr {
        case .keyword(.erase, _): return .erase
        case .keyword(.ignore, _): return .ignore
        case .ifThen, .ifEmpty, .switchOn: return try mapping(try evaluator.branch(expr), with: &evaluator)
        default: return .value(try evaluator.value(expr))
        }
    }

    private static func render(_ parts: [Part], with evaluator: inout Evaluator) throws(IMLError) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .expr(let expr):
                switch try evaluator.value(expr) {
                case .string(let value): text += value
                case let value: text += value.imlText
                }
                guard text.utf8.count <= IMLLimits.maxTextBytes else { throw .tooLarge("the template's text", column: 1) }
            }
        }
        return text
    }
}

extension Template {
    /// The names of every built-in function (`if`, `ifempty` and `switch` included), sorted.
    public static var functionNames: [String] { FunctionLibrary.standard.names }
}

/// What a mapping produces: a value, or one of the keywords that tell the caller what to do with a field.
public enum MappedValue: Sendable, Hashable {
    case value(JSONValue)
    /// `erase`: clear the field (send an empty value in an update).
    case erase
    /// `ignore`: leave the field out, as if it were not mapped.
    case ignore
}

extension Template: Hashable {
    public static func == (lhs: Template, rhs: Template) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

extension Template: CustomStringConvertible {
    public var description: String { source }
}

import RefineryJSON

/// A compiled expression: the tree the parser builds and the evaluator walks. Columns are 1-based in the
/// template string and only used when something goes wrong.
indirect enum Expr: Sendable {
    case literal(JSONValue)
    /// A path from a top-level name of the scope: `1.email`, `body.data[2].id`.
    case path(root: MemberKey, steps: [PathStep], column: Int)
    case keyword(Keyword, column: Int)
    /// Steps applied to any other value: `(expr).key`, `first(list)[2]`.
    case access(Expr, steps: [PathStep], column: Int)
    case not(Expr)
    case negate(Expr, column: Int)
    case binary(BinaryOperator, Expr, Expr, column: Int)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case call(FunctionSpec, [Expr], column: Int)
    /// `if(cond; then; else)`, evaluated lazily.
    case ifThen(Expr, Expr, Expr)
    /// `ifempty(value; fallback)`, evaluated lazily.
    case ifEmpty(Expr, Expr)
    /// `switch(value; case1; result1; ...; [else])`, evaluated lazily.
    case switchOn(Expr, cases: [(Expr, Expr)], otherwise: Expr?)
}

/// One step of a path.
enum PathStep: Sendable, Hashable {
    case key(MemberKey)
    /// `[]`: the first item.
    case first
    /// `[n]`: 1-based; negative counts from the end (`[-1]` is the last).
    case index(Int)
    /// `[expr]`: a number indexes (1-based), a string is a key.
    case computed(ComputedStep)
}

/// Boxes an expression inside a `PathStep` so steps stay `Hashable`; compared by identity.
final class ComputedStep: Sendable, Hashable {
    let expr: Expr
    init(_ expr: Expr) { self.expr = expr }
    static func == (lhs: ComputedStep, rhs: ComputedStep) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

enum Keyword: String, Sendable, CaseIterable {
    case `true`, `false`, null, emptystring, emptyarray, space, tab, newline, nbsp, carriagereturn
    case erase, ignore, now, timestamp, uuid, pi, random

    /// The keywords whose value never changes, folded into literals at compile time.
    var constant: JSONValue? {
        switch self {
        case .true: true
        case .false: false
        case .null, .erase, .ignore: .null
        case .emptystring: ""
        case .emptyarray: .array([])
        case .space: " "
        case .tab: "\t"
        case .newline: "\n"
        case .nbsp: "\u{00A0}"
        case .carriagereturn: "\r"
        case .pi: .double(Double.pi)
        case .now, .timestamp, .uuid, .random: nil
        }
    }
}

enum BinaryOperator: String, Sendable {
    case multiply = "*", divide = "/", remainder = "%"
    case add = "+", subtract = "-", numericAdd = "++"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case equal = "=", notEqual = "!="
}

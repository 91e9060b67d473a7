import RefineryJSON

/// Recursive descent over one `{{ ... }}`, with Make's precedence (high to low): `! -` (unary),
/// `* / %`, `+ - ++`, `< <= > >=`, `= == === != !== <>`, `& && and`, `| || or`.
///
/// Bounded so that no template can exhaust the stack while it is parsed, evaluated or freed: at most
/// `maxDepth` levels of nesting (parentheses, function calls, `[ ]`, `!` and unary `-`; `iml.too-deep`)
/// and at most `maxOperators` binary operators per `{{ }}` (each one deepens the tree; `iml.too-many-operators`).
struct Parser {
    static let maxDepth = 100
    static let maxOperators = 1000

    private var lexer: Lexer
    private var current: Token
    private let library: FunctionLibrary
    private var depth = 0
    private var operators = 0

    /// Starts after `{{` at scalar offset `start`.
    init(scalars: [Unicode.Scalar], start: Int, library: FunctionLibrary) throws(IMLError) {
        self.lexer = Lexer(scalars: scalars, start: start)
        self.library = library
        self.current = Token(kind: .end, column: start + 1)
        self.current = try lexer.next()
    }

    /// Parses the expression and its closing `}}`; returns the tree and the scalar offset after `}}`.
    mutating func parseTemplateExpression(openColumn: Int) throws(IMLError) -> (Expr, end: Int) {
        if case .close = current.kind { throw .emptyExpression(openColumn) }
        if case .end = current.kind { throw .unterminatedTemplate(openColumn) }
        let expr = try parseOr()
        switch current.kind {
        case .close: return (expr, lexer.position)
        case .end: throw .unterminatedTemplate(openColumn)
        default: throw .unexpectedToken(current.display, expected: "an operator or '}}'", column: current.column)
        }
    }

    private mutating func advance() throws(IMLError) {
        current = try lexer.next()
    }

    private func isWord(_ word: String) -> Bool {
        if case .name(let name) = current.kind { return name == word }
        return false
    }

    /// One level deeper (a sub-expression, or a unary operator's operand); the caller undoes it with `leave()`.
    private mutating func enter() throws(IMLError) {
        depth += 1
        if depth > Self.maxDepth { throw .tooDeep(limit: Self.maxDepth, column: current.column) }
    }

    private mutating func leave() {
        depth -= 1
    }

    /// One more binary operator in this expression.
    private mutating func countOperator() throws(IMLError) {
        operators += 1
        if operators > Self.maxOperators { throw .tooManyOperators(limit: Self.maxOperators, column: current.column) }
    }

    private mutating func parseOr() throws(IMLError) -> Expr {
        try enter()
        defer { leave() }
        var left = try parseAnd()
        while current.isSymbol("|") || current.isSymbol("||") || isWord("or") {
            try countOperator()
            try advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(IMLError) -> Expr {
        var left = try parseEquality()
        while current.isSymbol("&") || current.isSymbol("&&") || isWord("and") {
            try countOperator()
            try advance()
            left = .and(left, try parseEquality())
        }
        return left
    }

    private static let equalityOperators: [String: BinaryOperator] = [
        "=": .equal, "==": .equal, "===": .equal, "!=": .notEqual, "!==": .notEqual, "<>": .notEqual,
    ]
    private static let relationalOperators: [String: BinaryOperator] = [
        "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]
    private static let additiveOperators: [String: BinaryOperator] = ["+": .add, "-": .subtract, "++": .numericAdd]
    private static let multiplicativeOperators: [String: BinaryOperator] = [
        "*": .multiply, "/": .divide, "%": .remainder,
    ]

    private mutating func parseEquality() throws(IMLError) -> Expr {
        try parseBinary(Self.equalityOperators) { (parser: inout Parser) throws(IMLError) in try parser.parseRelational() }
    }

    private mutating func parseRelational() throws(IMLError) -> Expr {
        try parseBinary(Self.relationalOperators) { (parser: inout Parser) throws(IMLError) in try parser.parseAdditive() }
    }

    private mutating func parseAdditive() throws(IMLError) -> Expr {
        try parseBinary(Self.additiveOperators) { (parser: inout Parser) throws(IMLError) in
            try parser.parseMultiplicative()
        }
    }

    private mutating func parseMultiplicative() throws(IMLError) -> Expr {
        try parseBinary(Self.multiplicativeOperators) { (parser: inout Parser) throws(IMLError) in try parser.parseUnary() }
    }

    private mutating func parseBinary(
        _ operators: [String: BinaryOperator], operand: (inout Parser) throws(IMLError) -> Expr
    ) throws(IMLError) -> Expr {
        var left = try operand(&self)
        while case .symbol(let symbol) = current.kind, let op = operators[symbol] {
            let column = current.column
            try countOperator()
            try advance()
            left = .binary(op, left, try operand(&self), column: column)
        }
        return left
    }

    private mutating func parseUnary() throws(IMLError) -> Expr {
        guard current.isSymbol("!") || current.isSymbol("-") else { return try parsePostfix() }
        try enter()
        defer { leave() }
        if current.isSymbol("!") {
            try advance()
            return .not(try parseUnary())
        }
        if current.isSymbol("-") {
            let column = current.column
            try advance()
            let operand = try parseUnary()
            if case .literal(.int(let value)) = operand, value != Int.min { return .literal(.int(-value)) }
            if case .literal(.double(let value)) = operand { return .literal(.double(-value)) }
            return .negate(operand, column: column)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(IMLError) -> Expr {
        let column = current.column
        let primary = try parsePrimary()
        guard current.isSymbol(".") || current.isSymbol("[") else { return primary }
        let steps = try parseSteps()
        if case .path(let root, let rootSteps, let rootColumn) = primary {
            return .path(root: root, steps: rootSteps + steps, column: rootColumn)
        }
        return .access(primary, steps: steps, column: column)
    }

    private mutating func parsePrimary() throws(IMLError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let number):
            try advance()
            return .literal(try Self.numberValue(number.text, column: token.column))
        case .string(let text):
            try advance()
            return .literal(.string(text))
        case .quotedName(let name):
            try advance()
            return .path(root: MemberKey(name), steps: [], column: token.column)
        case .name(let name):
            try advance()
            return try parseName(name, column: token.column)
        case .symbol("("):
            try advance()
            let inner = try parseOr()
            try expect(")", what: "')'")
            return inner
        case .symbol("/"):
            current = try lexer.regex(startingAt: token.column)
            return try parsePrimary()
        case .close, .end:
            throw .unexpectedEnd(expected: "a value", column: token.column)
        default:
            throw .unexpectedToken(token.display, expected: "a value", column: token.column)
        }
    }

    private mutating func parseName(_ name: String, column: Int) throws(IMLError) -> Expr {
        if current.isSymbol("(") { return try parseCall(name, column: column) }
        let startsPath = current.isSymbol(".") || current.isSymbol("[")
        if !startsPath, let keyword = Keyword(rawValue: name) {
            if keyword == .erase || keyword == .ignore { return .keyword(keyword, column: column) }
            if let constant = keyword.constant { return .literal(constant) }
            return .keyword(keyword, column: column)
        }
        return .path(root: MemberKey(name), steps: [], column: column)
    }

    private mutating func parseCall(_ name: String, column: Int) throws(IMLError) -> Expr {
        try advance()
        var arguments: [Expr] = []
        if !current.isSymbol(")") {
            while true {
                // An empty argument (`replace(x; "a"; )`, as Make exports write it) is empty text.
                let empty = current.isSymbol(";") || current.isSymbol(",") || current.isSymbol(")")
                arguments.append(empty ? .literal(.string("")) : try parseOr())
                guard current.isSymbol(";") || current.isSymbol(",") else { break }
                try advance()
            }
        }
        try expect(")", what: "')' or ';' between arguments")
        return try library.compileCall(name, arguments: arguments, column: column)
    }

    private mutating func parseSteps() throws(IMLError) -> [PathStep] {
        var steps: [PathStep] = []
        while true {
            if current.isSymbol(".") {
                try advance()
                steps.append(try parseKeyStep())
            } else if current.isSymbol("[") {
                try advance()
                steps.append(try parseIndexStep())
            } else {
                return steps
            }
        }
    }

    private mutating func parseKeyStep() throws(IMLError) -> PathStep {
        let token = current
        switch token.kind {
        case .name(let name), .quotedName(let name):
            try advance()
            return .key(MemberKey(name))
        case .number(let number):
            try advance()
            return .key(MemberKey(number.text))
        case .close, .end:
            throw .unexpectedEnd(expected: "a key after '.'", column: token.column)
        default:
            throw .unexpectedToken(token.display, expected: "a key after '.'", column: token.column)
        }
    }

    private mutating func parseIndexStep() throws(IMLError) -> PathStep {
        if current.isSymbol("]") {
            try advance()
            return .first
        }
        let inner = try parseOr()
        try expect("]", what: "']'")
        switch inner {
        case .literal(.int(let index)): return .index(index)
        case .literal(.string(let key)): return .key(MemberKey(key))
        default: return .computed(ComputedStep(inner))
        }
    }

    private mutating func expect(_ symbol: String, what: String) throws(IMLError) {
        guard current.isSymbol(symbol) else {
            switch current.kind {
            case .close, .end: throw .unexpectedEnd(expected: what, column: current.column)
            default: throw .unexpectedToken(current.display, expected: what, column: current.column)
            }
        }
        try advance()
    }

    static func numberValue(_ text: String, column: Int) throws(IMLError) -> JSONValue {
        if let integer = Int(text) { return .int(integer) }
        if let double = Double(text), double.isFinite { return .number(double) }
        throw IMLError(code: "iml.invalid-number", message: "'\(text)' is not a number IML can hold", column: column)
    }
}

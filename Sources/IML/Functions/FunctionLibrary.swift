import RefineryJSON

/// The built-in functions by name; turns a parsed call into a checked `Expr` (unknown names and wrong
/// argument counts are compile errors).
struct FunctionLibrary: Sendable {
    let functions: [String: FunctionSpec]

    static let standard = FunctionLibrary(
        specs: generalFunctions + mathFunctions + textFunctions + hashFunctions + dateFunctions + arrayFunctions
    )

    /// The lazy functions, handled by the evaluator itself.
    static let lazyArities: [String: ClosedRange<Int>] = ["if": 2...3, "ifempty": 2...2, "switch": 2...Int.max]

    init(specs: [FunctionSpec]) {
        var functions: [String: FunctionSpec] = [:]
        for spec in specs {
            precondition(functions[spec.name] == nil, "duplicate IML function \(spec.name)")
            functions[spec.name] = spec
        }
        self.functions = functions
    }

    var names: [String] { (Array(functions.keys) + Array(Self.lazyArities.keys)).sorted() }

    func compileCall(_ name: String, arguments: [Expr], column: Int) throws(IMLError) -> Expr {
        if let arity = Self.lazyArities[name] {
            try checkArity(name, minimum: arity.lowerBound, maximum: arity.upperBound, arguments.count, column)
            return lazyCall(name, arguments)
        }
        guard let spec = functions[name] else {
            throw .unknownFunction(name, suggestion: suggestion(for: name), column: column)
        }
        try checkArity(name, minimum: spec.minimum, maximum: spec.maximum, arguments.count, column)
        return .call(Self.specialize(spec, arguments), arguments, column: column)
    }

    private func checkArity(_ name: String, minimum: Int, maximum: Int, _ count: Int, _ column: Int) throws(IMLError) {
        guard count >= minimum, count <= maximum else {
            throw .wrongArity(name, minimum: minimum, maximum: maximum, got: count, column: column)
        }
    }

    private func lazyCall(_ name: String, _ arguments: [Expr]) -> Expr {
        switch name {
        case "if": return .ifThen(arguments[0], arguments[1], arguments.count > 2 ? arguments[2] : .literal(.null))
        case "ifempty": return .ifEmpty(arguments[0], arguments[1])
        default:
            var cases: [(Expr, Expr)] = []
            var index = 1
            while index + 1 < arguments.count {
                cases.append((arguments[index], arguments[index + 1]))
                index += 2
            }
            return .switchOn(arguments[0], cases: cases, otherwise: index < arguments.count ? arguments[index] : nil)
        }
    }

    /// The closest known name, when it is close enough to be a typo (or differs only in case).
    func suggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in names {
            let distance = Suggestion.editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, min(3, name.count / 3)) else { return nil }
        return best.name
    }
}

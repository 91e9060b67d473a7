/// Splits a template string into text and `{{ }}` expressions and parses each expression.
enum TemplateCompiler {
    static func compile(_ source: String, library: FunctionLibrary) throws(IMLError) -> Template.Body {
        guard source.utf8.count >= 2, containsOpening(source) else { return .plain }
        let scalars = Array(source.unicodeScalars)
        var parts: [Template.Part] = []
        var text = String.UnicodeScalarView()
        var position = 0
        while position < scalars.count {
            if scalars[position] == "{", position + 1 < scalars.count, scalars[position + 1] == "{" {
                if !text.isEmpty { parts.append(.text(String(text))) }
                text = String.UnicodeScalarView()
                var parser = try Parser(scalars: scalars, start: position + 2, library: library)
                let (expr, end) = try parser.parseTemplateExpression(openColumn: position + 1)
                parts.append(.expr(expr))
                position = end
            } else {
                text.append(scalars[position])
                position += 1
            }
        }
        if !text.isEmpty { parts.append(.text(String(text))) }
        if parts.count == 1, case .expr(let expr) = parts[0] { return .single(expr) }
        return .parts(parts)
    }

    private static func containsOpening(_ source: String) -> Bool {
        var previous: UInt8 = 0
        for byte in source.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}

/// Visits every path in a tree and reports its root.
struct RootCollector {
    let report: (String) -> Void

    init(_ report: @escaping (String) -> Void) {
        self.report = report
    }

    func visit(_ expr: Expr) {
        switch expr {
        case .literal, .keyword: break
        case .path(let root, let steps, _):
            report(root.name)
            visitSteps(steps)
        case .access(let base, let steps, _):
            visit(base)
            visitSteps(steps)
        case .not(let operand), .negate(let operand, _): visit(operand)
        case .binary(_, let left, let right, _), .and(let left, let right), .or(let left, let right),
             .ifEmpty(let left, let right):
            visit(left)
            visit(right)
        case .call(_, let arguments, _): arguments.forEach(visit)
        case .ifThen(let condition, let then, let otherwise): [condition, then, otherwise].forEach(visit)
        case .switchOn(let subject, let cases, let otherwise):
            visit(subject)
            for (match, result) in cases { visit(match); visit(result) }
            if let otherwise { visit(otherwise) }
        }
    }

    private func visitSteps(_ steps: [PathStep]) {
        for case .computed(let computed) in steps { visit(computed.expr) }
    }
}

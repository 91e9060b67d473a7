import Foundation
import RefineryJSON

/// One string with `{{ }}` expressions.
///
/// STAND-IN until IML lands on this branch: supports paths only (`{{1.email}}`, `{{1.a.b}}`, 1-based
/// `[n]` indexes), a whole-string expression keeping its type, mixed text giving a string. This file is the
/// only place that changes when it is replaced by IML's `Template`.
struct TemplateString: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case path([PathStep])
    }

    enum PathStep: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    let parts: [Part]
    let referencedRoots: Set<String>

    init(_ source: String) throws(TemplateProblem) {
        var parts: [Part] = []
        var roots = Set<String>()
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                let offset = source.distance(from: source.startIndex, to: open.lowerBound)
                throw TemplateProblem(code: "iml.unterminated", message: "'{{' is never closed", offset: offset)
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let offset = source.distance(from: source.startIndex, to: open.upperBound)
            let steps = try Self.parsePath(inner, offset: offset)
            if case .key(let root)? = steps.first { roots.insert(root) }
            parts.append(.path(steps))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
        self.referencedRoots = roots
    }

    private static func parsePath(_ text: String, offset: Int) throws(TemplateProblem) -> [PathStep] {
        guard !text.isEmpty else { throw TemplateProblem(code: "iml.empty-expression", message: "empty expression", offset: offset) }
        var steps: [PathStep] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(segment)
            var indexes: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { break }
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            let valid = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "`" }
            guard valid else {
                throw TemplateProblem(code: "iml.syntax", message: "unexpected text '\(segment)'", offset: offset)
            }
            steps.append(.key(name.replacingOccurrences(of: "`", with: "")))
            steps += indexes.map(PathStep.index)
        }
        return steps
    }

    func evaluate(scope: JSONObject, environment: MappingEnvironment) throws(TemplateProblem) -> JSONValue {
        if parts.count == 1, case .path(let steps) = parts[0] { return Self.resolve(steps, in: scope) }
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .path(let steps): text += Self.text(of: Self.resolve(steps, in: scope))
            }
        }
        return .string(text)
    }

    private static func resolve(_ steps: [PathStep], in scope: JSONObject) -> JSONValue {
        var current: JSONValue = .object(scope)
        for step in steps {
            switch step {
            case .key(let key): current = current[key] ?? .null
            case .index(let index): current = current[index - 1] ?? .null
            }
        }
        return current
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.serialized()
        }
    }
}

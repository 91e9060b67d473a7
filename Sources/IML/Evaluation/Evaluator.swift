import Foundation
import RefineryJSON

/// Walks a compiled `Expr` against one context. One evaluator serves one `evaluate` call (it owns the
/// random generator's state for that call).
struct Evaluator {
    let context: EvaluationContext
    var random: SeededGenerator
    /// What the calls of this evaluation may still produce (`IMLLimits.maxProducedBytes`).
    var producible = IMLLimits.maxProducedBytes

    init(context: EvaluationContext) {
        self.context = context
        self.random = SeededGenerator(seed: context.randomSeed)
    }

    mutating func value(_ expr: Expr) throws(IMLError) -> JSONValue {
        switch expr {
        case .literal(let value):
            return value
        case .path(let root, let steps, _):
            guard let index = root.position(in: context.scope) else { return .null }
            return try follow(steps, from: context.scope.values[index])
        case .keyword(let keyword, _):
            return keywordValue(keyword)
        case .access(let base, let steps, _):
            return try follow(steps, from: try value(base))
        case .not(let operand):
            return .bool(!(try value(operand).imlTruthy))
        case .negate(let operand, let column):
            return try Arithmetic.negate(try value(operand), column: column)
        case .binary(let op, let left, let right, let column):
            return try produced(Arithmetic.apply(op, try value(left), try value(right), column: column), by: "'\(op.rawValue)'", column: column)
        case .and(let left, let right):
            guard try value(left).imlTruthy else { return false }
            return .bool(try value(right).imlTruthy)
        case .or(let left, let right):
            if try value(left).imlTruthy { return true }
            return .bool(try value(right).imlTruthy)
        case .call(let spec, let arguments, let column):
            return try call(spec, arguments, column: column)
        case .ifThen, .ifEmpty, .switchOn:
            return try value(try branch(expr))
        }
    }

    /// For a lazy conditional, the argument it picks (evaluating only the condition); `expr` otherwise.
    mutating func branch(_ expr: Expr) throws(IMLError) -> Expr {
        switch expr {
        case .ifThen(let condition, let then, let otherwise):
            return try value(condition).imlTruthy ? then : otherwise
        case .ifEmpty(let candidate, let fallback):
            return try value(candidate).imlIsEmpty ? fallback : candidate
        case .switchOn(let subject, let cases, let otherwise):
            let actual = try value(subject)
            for (match, result) in cases where try value(match).imlEquals(actual) { return result }
            return otherwise ?? .literal(.null)
        default:
            return expr
        }
    }

    private mutating func call(_ spec: FunctionSpec, _ arguments: [Expr], column: Int) throws(IMLError) -> JSONValue {
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try value(argument)) }
        var call = CallArguments(
            function: spec.name, column: column, values: values, now: context.now, timeZone: context.timeZone,
            random: random
        )
        defer { random = call.random }
        return try produced(spec.body(&call), by: "the result of '\(spec.name)'", column: column)
    }

    /// `value`, counted against the evaluation's limits (`IMLLimits`).
    mutating func produced(_ value: JSONValue, by what: String, column: Int) throws(IMLError) -> JSONValue {
        producible -= IMLLimits.shallowSize(value)
        guard producible >= 0, !IMLLimits.isTooLarge(value) else { throw .tooLarge(what, column: column) }
        return value
    }

    private mutating func keywordValue(_ keyword: Keyword) -> JSONValue {
        switch keyword {
        case .now: return .string(IMLDate.isoString(context.now))
        case .timestamp: return .int(Int(context.now.timeIntervalSince1970.rounded(.down)))
        case .uuid: return .string(random.uuid())
        case .random: return .double(random.nextUnit())
        default: return keyword.constant ?? .null
        }
    }

    /// `key` of an object; on an array, the key of every item (`items.title` lists each title).
    static func member(_ value: JSONValue, _ key: String) -> JSONValue {
        switch value {
        case .object(let object): return object[key] ?? .null
        case .array(let items): return .array(items.map { member($0, key) })
        default: return .null
        }
    }

    /// The 1-based `index`th item; negative counts from the end; anything missing is `null`.
    static func item(_ value: JSONValue, _ index: Int) -> JSONValue {
        guard case .array(let items) = value, let position = position(of: index, in: items.count) else { return .null }
        return items[position]
    }

    /// The 0-based position of the 1-based (or negative, from the end) `index` among `count` items.
    static func position(of index: Int, in count: Int) -> Int? {
        let position = index > 0 ? index - 1 : count + index
        return position >= 0 && position < count ? position : nil
    }
}

extension JSONValue {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

import RefineryJSON

extension FunctionLibrary {
    static let arrayFunctions: [FunctionSpec] = [
        FunctionSpec("add", 1, FunctionSpec.variadic) { args throws(IMLError) in
            .array(try args.strictArray(0) + args.values.dropFirst())
        },
        FunctionSpec("merge", 0, FunctionSpec.variadic) { args throws(IMLError) in
            .array((0..<args.count).flatMap { args.array($0) })
        },
        FunctionSpec("remove", 1, FunctionSpec.variadic) { args throws(IMLError) in
            let removed = args.values.dropFirst()
            return .array(try args.strictArray(0).filter { item in !removed.contains { $0.imlEquals(item) } })
        },
        FunctionSpec("arrayDiff", 2) { args throws(IMLError) in
            let other = try args.strictArray(1)
            return .array(try args.strictArray(0).filter { item in !other.contains { $0.imlEquals(item) } })
        },
        FunctionSpec("arrayIntersect", 2) { args throws(IMLError) in
            let other = try args.strictArray(1)
            return .array(try args.strictArray(0).filter { item in other.contains { $0.imlEquals(item) } })
        },
        FunctionSpec("deduplicate", 1) { args throws(IMLError) in .array(distinct(try args.strictArray(0), key: nil)) },
        FunctionSpec("distinct", 1, 2) { args throws(IMLError) in
            .array(distinct(try args.strictArray(0), key: try args.optionalText(1)))
        },
        FunctionSpec("first", 1) { args throws(IMLError) in try args.strictArray(0).first ?? .null },
        FunctionSpec("last", 1) { args throws(IMLError) in try args.strictArray(0).last ?? .null },
        FunctionSpec("flatten", 1, 2) { args throws(IMLError) in
            .array(flatten(try args.strictArray(0), depth: try args.optionalInt(1, in: 0...100) ?? 1))
        },
        FunctionSpec("join", 1, 2) { args throws(IMLError) in
            let separator = args.count > 1 ? try args.text(1) : ","
            let parts = try args.strictArray(0).map(\.imlText)
            let size = parts.reduce(0) { $0 + $1.utf8.count } + separator.utf8.count * max(parts.count - 1, 0)
            guard size <= IMLLimits.maxTextBytes else { throw .tooLarge("the result of 'join'", column: args.column) }
            return .string(parts.joined(separator: separator))
        },
        FunctionSpec("keys", 1) { args throws(IMLError) in
            if case .array(let items) = args[0] { return .array(items.indices.map { .int($0 + 1) }) }
            return .array(try args.object(0).keys.map { .string($0) })
        },
        FunctionSpec("map", 2, 4) { args throws(IMLError) in try map(&args) },
        FunctionSpec("reverse", 1) { args throws(IMLError) in
            if case .string(let text) = args[0] { return .string(String(text.reversed())) }
            return .array(try args.strictArray(0).reversed())
        },
        FunctionSpec("shuffle", 1) { args throws(IMLError) in
            var items = try args.strictArray(0)
            items.shuffle(using: &args.random)
            return .array(items)
        },
        FunctionSpec("slice", 2, 3) { args throws(IMLError) in try slice(&args) },
        FunctionSpec("sort", 1, 3) { args throws(IMLError) in try sort(&args) },
        FunctionSpec("toArray", 1) { args throws(IMLError) in
            .array(try args.object(0).map { key, value in .object(["key": .string(key), "value": value]) })
        },
        FunctionSpec("toCollection", 3) { args throws(IMLError) in
            let keyField = try args.text(1), valueField = try args.text(2)
            var object = JSONObject()
            for item in try args.strictArray(0) {
                let key = Evaluator.member(item, keyField)
                if !key.isNull { object[key.imlText] = Evaluator.member(item, valueField) }
            }
            return .object(object)
        },
    ]

    static func distinct(_ items: [JSONValue], key: String?) -> [JSONValue] {
        var seen: [JSONValue] = []
        var result: [JSONValue] = []
        let steps = key.map(pathSteps)
        for item in items {
            let identity = steps.map { value(of: item, at: $0) } ?? item
            if seen.contains(where: { $0.imlEquals(identity) && $0.typeName == identity.typeName }) { continue }
            seen.append(identity)
            result.append(item)
        }
        return result
    }

    static func flatten(_ items: [JSONValue], depth: Int) -> [JSONValue] {
        guard depth > 0 else { return items }
        return items.flatMap { item -> [JSONValue] in
            if case .array(let inner) = item { return flatten(inner, depth: depth - 1) }
            return [item]
        }
    }

    /// A path (`a.b[2]`) inside an item, as `get` reads it.
    static func value(of item: JSONValue, at steps: [PathStep]) -> JSONValue {
        var current = item
        for step in steps {
            switch step {
            case .key(let key): current = Evaluator.member(current, key.name)
            case .index(let index): current = Evaluator.item(current, index)
            default: current = Evaluator.item(current, 1)
            }
        }
        return current
    }

    /// `map(array; key; [filterKey]; [filterValues])`: the `key` of every item, keeping only items whose
    /// `filterKey` is one of `filterValues` (an array, or comma-separated text).
    private static func map(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let steps = pathSteps(try args.text(1))
        let filterSteps = try args.optionalText(2).map(pathSteps)
        let allowed: [JSONValue] = switch args[3] {
        case .array(let items): items
        case .null: []
        default: try args.text(3).split(separator: ",").map { .string(String(String($0).trimmingSpaces)) }
        }
        var result: [JSONValue] = []
        for item in try args.strictArray(0) {
            if let filterSteps {
                let actual = value(of: item, at: filterSteps)
                guard allowed.contains(where: { $0.imlEquals(actual) }) else { continue }
            }
            result.append(value(of: item, at: steps))
        }
        return .array(result)
    }

    /// `slice(array; start; [end])`: 0-based, end excluded, negative counts from the end (JavaScript).
    private static func slice(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let items = try args.strictArray(0)
        func clamp(_ index: Int) -> Int { index < 0 ? max(0, items.count + index) : min(index, items.count) }
        let start = clamp(try args.int(1))
        let end = clamp(try args.optionalInt(2) ?? items.count)
        return .array(start < end ? Array(items[start..<end]) : [])
    }

    /// `sort(array; [asc|desc|asc ci|desc ci]; [key])`: stable; numbers before text before the rest.
    private static func sort(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let order = (try args.optionalText(1) ?? "asc").lowercased()
        guard ["asc", "desc", "asc ci", "desc ci"].contains(order) else {
            throw args.invalid(1, "unknown order '\(order)'; use asc, desc, asc ci or desc ci")
        }
        let steps = try args.optionalText(2).map(pathSteps)
        let caseInsensitive = order.hasSuffix("ci")
        let keyed = try args.strictArray(0).enumerated().map { offset, item in
            var key = steps.map { value(of: item, at: $0) } ?? item
            if caseInsensitive, case .string(let text) = key { key = .string(text.lowercased()) }
            return (offset, key, item)
        }
        let descending = order.hasPrefix("desc")
        let sorted = keyed.sorted { left, right in
            let ordering = sortOrder(left.1, right.1)
            if ordering == .orderedSame { return left.0 < right.0 }
            return (ordering == .orderedAscending) != descending
        }
        return .array(sorted.map(\.2))
    }

    static func sortOrder(_ left: JSONValue, _ right: JSONValue) -> Ordering {
        let leftRank = sortRank(left), rightRank = sortRank(right)
        if leftRank != rightRank { return JSONValue.order(leftRank, rightRank) }
        return left.imlCompare(right) ?? .orderedSame
    }

    private static func sortRank(_ value: JSONValue) -> Int {
        switch value {
        case .int, .double: 0
        case .string: 1
        case .bool: 2
        case .null: 4
        default: 3
        }
    }
}

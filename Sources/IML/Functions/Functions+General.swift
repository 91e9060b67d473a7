import RefineryJSON

extension FunctionLibrary {
    /// `get`, `omit`, `pick`, `mergeCollections` (`if`, `ifempty` and `switch` are lazy, in the evaluator).
    static let generalFunctions: [FunctionSpec] = [
        FunctionSpec("get", 2) { args throws(IMLError) in try get(&args) },
        FunctionSpec("omit", 1, FunctionSpec.variadic) { args throws(IMLError) in
            var object = try args.object(0)
            for index in 1..<max(1, args.count) {
                for key in try keyList(args, index) { object.removeValue(forKey: key) }
            }
            return .object(object)
        },
        FunctionSpec("pick", 1, FunctionSpec.variadic) { args throws(IMLError) in
            let object = try args.object(0)
            var wanted: Set<String> = []
            for index in 1..<max(1, args.count) { wanted.formUnion(try keyList(args, index)) }
            return .object(JSONObject(object.filter { wanted.contains($0.key) }.map { ($0.key, $0.value) }))
        },
        FunctionSpec("mergeCollections", 1, FunctionSpec.variadic) { args throws(IMLError) in
            var merged = JSONObject()
            for index in 0..<args.count {
                for (key, value) in try args.object(index) { merged[key] = value }
            }
            return .object(merged)
        },
    ]

    /// Keys given as text or as an array of texts.
    static func keyList(_ args: CallArguments, _ index: Int) throws(IMLError) -> [String] {
        switch args[index] {
        case .array(let items): return items.map(\.imlText)
        case .null: return []
        case .object: throw args.typeError(index, expected: "a key or an array of keys")
        case let value: return [value.imlText]
        }
    }

    /// `get(value; "a.b[2].c")`: the same path rules as in expressions, with a computed path.
    static func get(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        var current = args[0]
        switch args[1] {
        case .int(let index): return Evaluator.item(current, index)
        case .null: return .null
        case .array, .object: throw args.typeError(1, expected: "a path")
        default: break
        }
        for step in pathSteps(args[1].imlText) {
            switch step {
            case .key(let key): current = Evaluator.member(current, key.name)
            case .index(let index): current = Evaluator.item(current, index)
            default: current = Evaluator.item(current, 1)
            }
            if current.isNull { return .null }
        }
        return current
    }

    /// Splits `a.b[2].c` / ``a.`x.y` `` into steps; an index on an object is a key.
    static func pathSteps(_ path: String) -> [PathStep] {
        var steps: [PathStep] = []
        var key = ""
        var inBackticks = false
        var inBrackets = false
        func flush() {
            if !key.isEmpty { steps.append(.key(MemberKey(key))) }
            key = ""
        }
        for character in path {
            switch character {
            case "`": inBackticks.toggle()
            case "." where !inBackticks && !inBrackets: flush()
            case "[" where !inBackticks:
                flush()
                inBrackets = true
            case "]" where inBrackets:
                inBrackets = false
                if key.isEmpty { steps.append(.first) } else if let index = Int(key) { steps.append(.index(index)) } else {
                    steps.append(.key(MemberKey(key)))
                }
                key = ""
            default: key.append(character)
            }
        }
        flush()
        return steps
    }
}

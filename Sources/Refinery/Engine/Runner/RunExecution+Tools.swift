import IML
import RefineryHTTP
import RefineryJSON

extension RunExecution {
    /// The output bundles of one of Make's tools or JSON modules for one incoming bundle.
    func runTool(_ tool: BuiltinTool, _ node: PlanNode, scope: BundleScope) async throws -> [JSONValue] {
        let mapper = try evaluateObject(node.mapper, scope)
        switch tool {
        case .compose:
            return [["value": .string(FilterOperands.text(mapper["value"] ?? .null))]]
        case .sleep:
            try await clock.sleep(seconds: try Self.sleepDuration(mapper["duration"] ?? .null))
            return [[:]]
        case .switcher:
            return [["output": try switched(mapper, module: node.module)]]
        case .parseJSON:
            return try Self.parsed(mapper["json"] ?? .null)
        case .createJSON:
            let parameters = try evaluateObject(node.parameters, scope)
            return [["json": .string(Self.text(of: .object(mapper), space: parameters["space"]))]]
        case .transformToJSON:
            let parameters = try evaluateObject(node.parameters, scope)
            return [["json": .string(Self.text(of: mapper["object"] ?? .null, space: parameters["space"]))]]
        case .webhookRespond:
            // Built even when nobody waits (a replay), so a bad status fails the same way everywhere.
            let answer = try Self.answer(mapper)
            options.respond?(answer)
            return [[:]]
        case .increment:
            return [try increment(node, scope: scope)]
        }
    }

    /// `status` (text in exports: `"200"`; 100 to 599, default 200), `headers` as `[{key, value}]` (or
    /// `name`), `body`: text as it is, any other value as JSON with its content type.
    static func answer(_ mapper: JSONObject) throws(ModuleError) -> WebhookAnswer {
        let given = mapper["status"].flatMap(FilterOperands.number) ?? 200
        guard let status = Int(exactly: given), (100...599).contains(status) else {
            throw ModuleError(.data, code: "builtin.invalid-status", message: EngineMessages.invalidRespondStatus(FilterOperands.text(mapper["status"] ?? .null)))
        }
        var headers = HTTPHeaders()
        for item in mapper["headers"]?.arrayValue ?? [] {
            let name = FilterOperands.text(item["key"] ?? item["name"] ?? .null)
            if !name.isEmpty { headers.add(name, FilterOperands.text(item["value"] ?? .null)) }
        }
        let body: [UInt8]
        switch mapper["body"] ?? .null {
        case .null: body = []
        case .string(let text): body = Array(text.utf8)
        case let value:
            body = value.serializedBytes(.compact)
            if headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        }
        return WebhookAnswer(status: status, headers: headers, body: body)
    }

    /// `duration` in seconds, 1 to 300 as Make allows (exports give it as text: `"5"`).
    static func sleepDuration(_ value: JSONValue) throws(ModuleError) -> Double {
        guard let seconds = FilterOperands.number(value), seconds >= 1, seconds <= 300 else {
            throw ModuleError(.data, code: "builtin.invalid-duration", message: EngineMessages.invalidSleep(FilterOperands.text(value)))
        }
        return seconds
    }

    /// The first case of `casesTable` whose `pattern` equals `input` (or matches it, as a regular
    /// expression bounded in time, with `useRegExpMatch`), else `elseOutput`.
    private func switched(_ mapper: JSONObject, module: String) throws(ModuleError) -> JSONValue {
        let input = FilterOperands.text(mapper["input"] ?? .null)
        let regex = FilterOperands.bool(mapper["useRegExpMatch"] ?? .null) ?? false
        for item in mapper["casesTable"]?.arrayValue ?? [] {
            let pattern = FilterOperands.text(item["pattern"] ?? .null)
            if regex ? try Self.matches(pattern, input, module: module) : pattern == input { return item["output"] ?? .null }
        }
        return mapper["elseOutput"] ?? .null
    }

    private static func matches(_ pattern: String, _ text: String, module: String) throws(ModuleError) -> Bool {
        switch BoundedRegex.search(pattern, in: text) {
        case .matched: return true
        case .notMatched: return false
        case .invalidPattern:
            throw ModuleError(.data, code: "builtin.invalid-pattern", message: EngineMessages.invalidSwitchPattern(pattern, module: module, reason: "is not a regular expression"))
        case .tooSlow:
            throw ModuleError(.data, code: "builtin.invalid-pattern", message: EngineMessages.invalidSwitchPattern(pattern, module: module, reason: "took too long to match"))
        }
    }

    /// The parsed JSON text: an object or a value is one bundle (a value other than an object as
    /// `{value}`), an array a bundle per item.
    static func parsed(_ json: JSONValue) throws(ModuleError) -> [JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: FilterOperands.text(json))
        } catch {
            throw ModuleError(.data, code: "builtin.invalid-json", message: EngineMessages.invalidJSON(error.message))
        }
        let items = value.arrayValue ?? [value]
        return items.map { $0.objectValue.map(JSONValue.object) ?? ["value": $0] }
    }

    /// JSON text: compact, or indented when `space` is a number above 0 (Make's "indentation").
    static func text(of value: JSONValue, space: JSONValue?) -> String {
        let indent = space.flatMap(FilterOperands.number) ?? 0
        return value.serialized(indent > 0 ? .pretty : .compact)
    }
}

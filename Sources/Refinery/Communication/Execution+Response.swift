import RefineryHTTP
import RefineryJSON

extension Execution {
    /// Parses one page, runs `response.temp`, `valid`/`error`, then `iterate` and `output`, delivering
    /// outputs. Returns the items the page held (nil when the response is not iterated).
    mutating func handlePage(_ http: HTTPResponse, page: Int, response: ResponseSpec, sink: inout OutputSink) async throws -> [JSONValue]? {
        let type = ResponseParsing.type(for: http.status, in: response.types)
        let body = try parseBody(http, as: type)
        setResponseScope(http, body: body)
        try mergeTemp(response.temp)
        try checkValid(http, response: response)
        guard let iterate = response.iterate else {
            if sink.isLast, let value = try output(response.output, fallback: body) {
                try await deliver(ModuleOutput(value), to: &sink)
            }
            return nil
        }
        let items = try container(iterate, of: http, page: page)
        scope["iterate"] = .object(["container": .object(["first": items.first ?? .null, "last": items.last ?? .null])])
        for item in items where sink.isLast && !sink.isFull {
            scope["item"] = item
            if let condition = response.iterateCondition, !Truthiness.isTrue(try evaluate(condition)) { continue }
            guard let value = try output(response.output, fallback: item) else { continue }
            var key: TriggerKey?
            if let trigger = response.trigger {
                key = try triggerKey(trigger)
                guard let key, isNew(key, trigger: trigger) else {
                    if trigger.order == .desc { sink.triggerReachedPosition = true }
                    continue
                }
            }
            try await deliver(ModuleOutput(value, key: key), to: &sink)
        }
        scope["item"] = nil
        return items
    }

    /// The parsed body; an error response that does not parse is kept as text for the error message.
    /// A successful one that does not parse is a `DataError` with the status and the start of the body.
    func parseBody(_ http: HTTPResponse, as type: ResponseSpec.BodyType) throws -> JSONValue {
        let result = Result { () throws(ModuleError) -> JSONValue in try ResponseParsing.parse(http, as: type) }
        switch result {
        case .success(let body): return body
        case .failure(var error):
            guard http.status >= 400 else {
                error.kind = .data
                error.message = InterpreterMessages.answered(http.status, contentType: contentType(of: http)) + ": " + error.message
                error.status = http.status
                error.bodyExcerpt = excerpt(http.body)
                throw error
            }
            return .string(String(decoding: http.body, as: UTF8.self))
        }
    }

    /// The array `iterate` gives. Anything else (the key missing or `null`, a body that is not JSON, an
    /// HTML page from a proxy) is not a page of this API: a `DataError` naming the status, the content
    /// type and the start of the body, so that the walk never takes it for the last page and the
    /// trigger position never moves past items it did not see.
    func container(_ iterate: TemplateSlot, of http: HTTPResponse, page: Int) throws -> [JSONValue] {
        let value = try evaluate(iterate)
        if case .array(let items) = value { return items }
        var error = ModuleError(.data, code: "response.not-a-page", message: InterpreterMessages.notAPage(
            moduleName, page: page, status: http.status, contentType: contentType(of: http),
            pointer: iterate.pointer.description, found: value.isNull ? "nothing" : value.typeName
        ), status: http.status)
        error.bodyExcerpt = excerpt(http.body)
        error.pages = page
        throw error
    }

    func contentType(of http: HTTPResponse) -> String {
        redactor.redact(http.headers["Content-Type"] ?? "no Content-Type")
    }

    /// `output` evaluated, or the fallback; `null` or `false` means no output.
    func output(_ slot: TemplateSlot?, fallback: JSONValue) throws -> JSONValue? {
        let value = try slot.map { try evaluate($0) } ?? fallback
        if value.isNull || value == .bool(false) { return nil }
        return value
    }

    mutating func deliver(_ output: ModuleOutput, to sink: inout OutputSink) async throws {
        var safe = output
        safe.bundle = redactor.redact(output.bundle)
        sink.count += 1
        if sink.buffering { sink.buffered.append(safe) } else { try await emit(safe) }
    }

    /// After the last page: a trigger's items oldest first and cut to `limit`; then `wrapper`.
    mutating func finish(_ sink: inout OutputSink, response: ResponseSpec) async throws {
        guard sink.isLast, sink.buffering else { return }
        var outputs = sink.buffered
        if let trigger = response.trigger {
            outputs = TriggerSelection(type: trigger.kind, position: position).sorted(outputs)
            if let limit = sink.limit { outputs = Array(position == nil ? outputs.suffix(limit) : outputs.prefix(limit)) }
        }
        guard let wrapper = response.wrapper else {
            for output in outputs { try await emit(output) }
            return
        }
        let values = outputs.map(\.bundle)
        scope["output"] = module.kind.returnsMany ? .array(values) : (values.first ?? .null)
        let wrapped = redactor.redact(try evaluate(wrapper))
        if module.kind.returnsMany, case .array(let items) = wrapped {
            for item in items { try await emit(ModuleOutput(item)) }
        } else if !wrapped.isNull {
            try await emit(ModuleOutput(wrapped))
        }
    }
}

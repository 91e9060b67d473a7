import RefineryHTTP
import RefineryJSON

/// The evaluated parts of a request, kept so pagination can merge over them.
struct RequestParts {
    var method: String
    var url: String
    var headers: JSONObject
    var qs: JSONObject?
    var body: JSONValue?
}

extension Execution {
    /// Evaluates url, method, headers, qs and body, merged over the app's base.
    func buildParts(_ spec: RequestSpec) throws -> RequestParts {
        let method = try spec.method.map { try TemplateText.string(evaluate($0)) } ?? "GET"
        let url = try resolveURL(spec.url)
        let headers = try merged(app.base.headers, spec.headers) ?? [:]
        let qs = try merged(app.base.qs, spec.qs)
        var body = try spec.body.map { try evaluate($0) }
        if let baseBody = try app.base.body.map({ try evaluate($0) }) {
            body = Self.merge(baseBody, over: body)
        }
        return RequestParts(method: method.isEmpty ? "GET" : method.uppercased(), url: url, headers: headers, qs: qs, body: body)
    }

    /// The parts of the next page: `url`, `method` and `body` replace the parent's; `headers` and `qs`
    /// merge over them unless `mergeWithParent` is false.
    mutating func paginatedRequest(_ previous: HTTPRequest, spec: RequestSpec, pagination: PaginationSpec, page: Int) throws -> HTTPRequest {
        scope["pagination"] = .object(["page": .int(page)])
        var parts = try parentParts ?? buildParts(spec)
        if let url = pagination.url { parts.url = try resolveURL(url) }
        if let method = pagination.method { parts.method = try TemplateText.string(evaluate(method)).uppercased() }
        if let body = pagination.body { parts.body = try evaluate(body) }
        let headers = try pagination.headers.map { try evaluate($0).objectValue ?? [:] }
        let qs = try pagination.qs.map { try evaluate($0).objectValue ?? [:] }
        if pagination.mergeWithParent {
            if let headers { parts.headers = Self.merge(headers, over: parts.headers) }
            if let qs { parts.qs = Self.merge(qs, over: parts.qs ?? [:]) }
        } else {
            parts.headers = headers ?? [:]
            parts.qs = qs
        }
        return try assemble(parts, spec: spec)
    }

    func merged(_ base: TemplateSlot?, _ own: TemplateSlot?) throws -> JSONObject? {
        let baseValue = try base.map { try evaluate($0).objectValue ?? [:] }
        let ownValue = try own.map { try evaluate($0).objectValue ?? [:] }
        switch (baseValue, ownValue) {
        case (nil, nil): return nil
        case (let base?, nil): return base
        case (nil, let own?): return own
        case (let base?, let own?): return Self.merge(own, over: base)
        }
    }

    static func merge(_ top: JSONObject, over bottom: JSONObject) -> JSONObject {
        var result = bottom
        for (key, value) in top {
            if let existing = result.keys.first(where: { $0.lowercased() == key.lowercased() && $0 != key }) {
                _ = result.removeValue(forKey: existing)
            }
            result[key] = value
        }
        return result
    }

    static func merge(_ base: JSONValue, over own: JSONValue?) -> JSONValue? {
        guard let own else { return base }
        guard case .object(let baseObject) = base, case .object(let ownObject) = own else { return own }
        return .object(merge(ownObject, over: baseObject))
    }

    /// A relative URL (`/contacts`) joins the base URL, its dot segments removed so that it stays under
    /// the base path (`RelativePath`); a universal module accepts nothing else, so the connection's
    /// credentials cannot be sent to another host.
    func resolveURL(_ slot: TemplateSlot?) throws -> String {
        let raw = try slot.map { try TemplateText.string(evaluate($0)) } ?? ""
        if raw.hasPrefix("/"), !raw.hasPrefix("//") {
            let base = try app.baseURL.map { try TemplateText.string(evaluate($0)) } ?? ""
            return (base.hasSuffix("/") ? String(base.dropLast()) : base) + RelativePath.normalized(raw)
        }
        if module.kind == .universal || raw.isEmpty {
            var error = ModuleError(.data, code: "input.absolute-url", message: InterpreterMessages.absoluteURL(raw))
            error.field = "url"
            throw error
        }
        return raw
    }

    func assemble(_ parts: RequestParts, spec: RequestSpec) throws -> HTTPRequest {
        var target = spec.encodeURL ? TemplateText.encodeURL(parts.url) : parts.url
        if let qs = parts.qs {
            if let mark = target.firstIndex(of: "?") { target = String(target[..<mark]) }
            let query = FormURLEncoding.encode(BodyEncoding.pairs(.object(qs)))
            if !query.isEmpty { target += "?" + query }
        }
        guard target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw ModuleError(.invalidConfiguration, code: "module.invalid-url", message: InterpreterMessages.badURL(redactor.redact(target)))
        }
        var headers = HTTPHeaders()
        for (name, value) in parts.headers where !value.isNull { headers[name] = TemplateText.string(value) }
        var bytes: [UInt8] = []
        if let body = parts.body, !body.isNull, parts.method != "GET", parts.method != "HEAD" {
            let encoded = BodyEncoding.encode(body, as: spec.bodyType)
            bytes = encoded.bytes
            if let type = encoded.contentType, !headers.contains("Content-Type") { headers["Content-Type"] = type }
        }
        return HTTPRequest(method: HTTPMethod(rawValue: parts.method), target: target, headers: headers, body: bytes)
    }
}

/// Turning evaluated values into text for URLs and headers.
enum TemplateText {
    static func string(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.serialized()
        }
    }

    /// Percent-encodes what may not appear in a URL (spaces, quotes, non-ASCII), keeping reserved characters.
    static func encodeURL(_ url: String) -> String {
        let keep = Set("!#$&'()*+,/:;=?@[]%-._~".utf8)
        return PercentEncoding.encode(url, keeping: keep)
    }
}

import RefineryHTTP
public import RefineryJSON

extension SpecReader {
    /// Where a request spec is written; each allows different keys.
    public enum RequestPlace: Sendable {
        case module(ModuleKind), base, connection, epoch
    }

    public static let requestKeys = ["temp", "condition", "url", "encodeUrl", "method", "headers", "qs", "body", "type", "repeat",
                              "pagination", "response", "timeout", "log", "retrySafe"] + redirectKeys
    public static let baseKeys = ["baseUrl", "headers", "qs", "body", "response", "log", "timeout"] + redirectKeys
    public static let redirectKeys = ["followRedirects", "followAllRedirects", "crossOriginRedirects"]
    public static let paginationKeys = ["mergeWithParent", "url", "method", "headers", "qs", "body", "condition", "maxPages"]
    public static let responseKeys = ["type", "temp", "valid", "error", "iterate", "output", "limit", "wrapper", "trigger"]
    public static let connectionResponseKeys = ["type", "temp", "valid", "error", "output", "data", "metadata", "uid", "expires"]

    public mutating func slot(_ object: JSONObject, _ key: String, at pointer: JSONPointer) -> TemplateSlot? {
        object[key].map { TemplateSlot.compile($0, at: pointer.appending(key), reader: &self) }
    }

    /// A module's `communication`: one request or an array of them.
    public mutating func communication(_ value: JSONValue?, at pointer: JSONPointer, kind: ModuleKind) -> [RequestSpec] {
        guard let value else { return [] }
        if case .array(let items) = value {
            return items.enumerated().compactMap { request($1, at: pointer.appending($0), place: .module(kind), isLast: $0 == items.count - 1) }
        }
        return request(value, at: pointer, place: .module(kind), isLast: true).map { [$0] } ?? []
    }

    public mutating func request(_ value: JSONValue, at pointer: JSONPointer, place: RequestPlace, isLast: Bool = true) -> RequestSpec? {
        let allowed = if case .base = place { Self.baseKeys } else { Self.requestKeys }
        guard let object = object(value, at: pointer, allowed: allowed, what: "a request") else { return nil }
        var spec = RequestSpec(pointer: pointer)
        spec.temp = slot(object, "temp", at: pointer)
        readCondition(object, into: &spec, at: pointer)
        spec.url = slot(object, "url", at: pointer)
        spec.method = slot(object, "method", at: pointer)
        if let method = spec.method?.source.stringValue, !method.contains("{{"),
           !["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(method.uppercased()) {
            report("module.invalid-value", "'\(method)' is not an HTTP method", at: pointer.appending("method"))
        }
        spec.headers = slot(object, "headers", at: pointer)
        spec.qs = slot(object, "qs", at: pointer)
        spec.body = slot(object, "body", at: pointer)
        if let type = choice(object, "type", at: pointer, choices: RequestSpec.BodyType.allCases.map(\.rawValue), what: "a request") {
            spec.bodyType = RequestSpec.BodyType(rawValue: type) ?? .json
        }
        spec.encodeURL = bool(object, "encodeUrl", at: pointer) ?? true
        spec.retrySafe = bool(object, "retrySafe", at: pointer) ?? false
        readRedirects(object, into: &spec, at: pointer)
        if let value = object["repeat"] { spec.repetition = repetition(value, at: pointer.appending("repeat")) }
        if let value = object["pagination"] { spec.pagination = pagination(value, at: pointer.appending("pagination")) }
        if let value = object["response"] { spec.response = response(value, at: pointer.appending("response"), place: place) }
        checkPlace(spec, object: object, place: place, isLast: isLast)
        return spec
    }

    mutating func readRedirects(_ object: JSONObject, into spec: inout RequestSpec, at pointer: JSONPointer) {
        spec.redirects.followRedirects = bool(object, "followRedirects", at: pointer)
        spec.redirects.followAllRedirects = bool(object, "followAllRedirects", at: pointer)
        let crossOrigin = choice(object, "crossOriginRedirects", at: pointer, choices: RedirectPolicy.CrossOrigin.allCases.map(\.rawValue), what: "a request")
        spec.redirects.crossOrigin = crossOrigin.flatMap(RedirectPolicy.CrossOrigin.init(rawValue:))
    }

    mutating func readCondition(_ object: JSONObject, into spec: inout RequestSpec, at pointer: JSONPointer) {
        guard let value = object["condition"] else { return }
        let conditionPointer = pointer.appending("condition")
        if case .object = value {
            guard let inner = self.object(value, at: conditionPointer, allowed: ["condition", "default"], what: "'condition'") else { return }
            spec.condition = slot(inner, "condition", at: conditionPointer)
            spec.conditionDefault = slot(inner, "default", at: conditionPointer)
        } else {
            spec.condition = TemplateSlot.compile(value, at: conditionPointer, reader: &self)
        }
    }

    /// Make's restrictions: triggers and searches need a URL; actions neither iterate nor paginate.
    mutating func checkPlace(_ spec: RequestSpec, object: JSONObject, place: RequestPlace, isLast: Bool) {
        guard case .module(let kind) = place else {
            if case .connection = place, spec.url == nil {
                report("module.missing-url", "the connection's request has no 'url'", at: spec.pointer)
            }
            return
        }
        let sendsSomething = spec.method != nil || spec.headers != nil || spec.qs != nil || spec.body != nil || spec.pagination != nil
        if spec.url == nil, kind.returnsMany || kind == .universal || sendsSomething {
            report("module.missing-url", "the request has no 'url' (a \(kind.rawValue) must call an endpoint)", at: spec.pointer)
        }
        if !kind.returnsMany {
            if spec.pagination != nil { report("module.not-allowed", "a \(kind.rawValue) cannot paginate (it returns one bundle)", at: spec.pointer.appending("pagination"), atKey: true) }
            if spec.response.iterate != nil { report("module.not-allowed", "a \(kind.rawValue) cannot iterate (it returns one bundle)", at: spec.pointer.appending("response").appending("iterate"), atKey: true) }
        }
        if spec.response.trigger != nil, kind != .trigger {
            report("module.not-allowed", "only polling triggers take 'trigger'", at: spec.pointer.appending("response").appending("trigger"), atKey: true)
        }
        if kind == .trigger, isLast, spec.response.trigger == nil {
            report("module.missing-field", "a polling trigger's last request needs 'response.trigger'", at: spec.pointer)
        }
    }

    mutating func repetition(_ value: JSONValue, at pointer: JSONPointer) -> RepeatSpec? {
        guard let object = object(value, at: pointer, allowed: ["condition", "delay", "limit"], what: "'repeat'") else { return nil }
        guard let condition = slot(object, "condition", at: pointer) else {
            report("module.missing-field", SpecMessages.missing("condition", in: "'repeat'"), at: pointer)
            return nil
        }
        let delay = number(object, "delay", at: pointer).map { Int(saturating: $0) } ?? 0
        let limit = number(object, "limit", at: pointer).map { Int(saturating: $0) } ?? 10
        let delays = InputLimits.repeatDelayMilliseconds, limits = InputLimits.repeatLimit
        if !delays.contains(delay) { report("module.invalid-value", SpecMessages.outside("repeat.delay", delay, delays), at: pointer.appending("delay")) }
        if !limits.contains(limit) { report("module.invalid-value", SpecMessages.outside("repeat.limit", limit, limits), at: pointer.appending("limit")) }
        return RepeatSpec(condition: condition, delayMilliseconds: delay.clamped(to: delays), limit: limit.clamped(to: limits))
    }

    mutating func pagination(_ value: JSONValue, at pointer: JSONPointer) -> PaginationSpec? {
        guard let object = object(value, at: pointer, allowed: Self.paginationKeys, what: "'pagination'") else { return nil }
        var spec = PaginationSpec()
        spec.mergeWithParent = bool(object, "mergeWithParent", at: pointer) ?? true
        spec.url = slot(object, "url", at: pointer)
        spec.method = slot(object, "method", at: pointer)
        spec.headers = slot(object, "headers", at: pointer)
        spec.qs = slot(object, "qs", at: pointer)
        spec.body = slot(object, "body", at: pointer)
        spec.condition = slot(object, "condition", at: pointer)
        spec.maxPages = number(object, "maxPages", at: pointer).map { Int(saturating: $0) }
        return spec
    }
}

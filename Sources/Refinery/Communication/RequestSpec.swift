public import RefineryHTTP
public import RefineryJSON

/// One request of a module's `communication` (make-format.md §2.1), decoded and checked.
public struct RequestSpec: Sendable {
    public enum BodyType: String, Sendable, CaseIterable {
        case json, urlencoded, multipart = "multipart/form-data", text, string, raw
    }

    public var pointer: JSONPointer
    public var temp: TemplateSlot?
    public var condition: TemplateSlot?
    /// Output when `condition` is false (`{condition, default}` form).
    public var conditionDefault: TemplateSlot?
    public var url: TemplateSlot?
    public var method: TemplateSlot?
    public var headers: TemplateSlot?
    public var qs: TemplateSlot?
    public var body: TemplateSlot?
    public var bodyType: BodyType = .json
    public var encodeURL: Bool = true
    public var repetition: RepeatSpec?
    public var pagination: PaginationSpec?
    public var response: ResponseSpec = ResponseSpec()
    /// Refinery: a non-idempotent request the module declares safe to retry.
    public var retrySafe: Bool = false
    /// `followRedirects`, `followAllRedirects` and Refinery's `crossOriginRedirects`, as written.
    public var redirects = RedirectSettings()

    public init(pointer: JSONPointer) {
        self.pointer = pointer
    }
}

/// A request's redirect keys; one left out is taken from the app's `base`, then from the defaults
/// (follow, and refuse to take credentials to another origin).
public struct RedirectSettings: Sendable, Hashable {
    public var followRedirects: Bool?
    public var followAllRedirects: Bool?
    public var crossOrigin: RedirectPolicy.CrossOrigin?

    public init(followRedirects: Bool? = nil, followAllRedirects: Bool? = nil, crossOrigin: RedirectPolicy.CrossOrigin? = nil) {
        self.followRedirects = followRedirects
        self.followAllRedirects = followAllRedirects
        self.crossOrigin = crossOrigin
    }

    /// These settings, what they leave out taken from `base`.
    public func policy(over base: RedirectSettings) -> RedirectPolicy {
        let defaults = RedirectPolicy()
        return RedirectPolicy(
            followsSafeMethods: followRedirects ?? base.followRedirects ?? defaults.followsSafeMethods,
            followsOtherMethods: followAllRedirects ?? base.followAllRedirects ?? defaults.followsOtherMethods,
            crossOrigin: crossOrigin ?? base.crossOrigin ?? defaults.crossOrigin
        )
    }
}

/// `repeat`: send the same request again while `condition` holds, `delay` ms apart, at most `limit` times.
public struct RepeatSpec: Sendable {
    public var condition: TemplateSlot
    public var delayMilliseconds: Int
    public var limit: Int
}

/// `pagination` (make-format.md §2.6).
public struct PaginationSpec: Sendable {
    public var mergeWithParent: Bool = true
    public var url: TemplateSlot?
    public var method: TemplateSlot?
    public var headers: TemplateSlot?
    public var qs: TemplateSlot?
    public var body: TemplateSlot?
    public var condition: TemplateSlot?
    /// Refinery: the most pages one call may fetch (the run's `maxPages` when nil).
    public var maxPages: Int?
}

/// `response` (make-format.md §2.2).
public struct ResponseSpec: Sendable {
    public enum BodyType: String, Sendable, CaseIterable {
        case automatic, json, urlencoded, text, string, raw, binary
    }

    /// By status range: `*`, `NNN` or `NNN-NNN`; the narrowest match wins.
    public var types: [(range: ClosedRange<Int>, type: BodyType)] = []
    public var temp: TemplateSlot?
    public var valid: TemplateSlot?
    public var validMessage: TemplateSlot?
    public var validType: ErrorTypeSpec?
    public var error: ErrorSpec = ErrorSpec()
    public var iterate: TemplateSlot?
    public var iterateCondition: TemplateSlot?
    public var output: TemplateSlot?
    public var limit: TemplateSlot?
    public var wrapper: TemplateSlot?
    public var trigger: TriggerSpec?
    /// Connections: persisted data, the label shown, the remote user id.
    public var data: TemplateSlot?
    public var metadata: TemplateSlot?
    public var uid: TemplateSlot?

    public init() {}
}

/// `response.error`: a message and a type, overridable per status.
public struct ErrorSpec: Sendable {
    public var message: TemplateSlot?
    public var type: ErrorTypeSpec?
    public var byStatus: [Int: (message: TemplateSlot?, type: ErrorTypeSpec?)] = [:]
}

/// An error directive's `type`: one of Make's error types, or an expression giving one from the
/// response (`{{if(body.message = "API key not valid or does not exist"; "InvalidAccessTokenError")}}`,
/// where one status means two things). An expression that gives an empty or unknown name leaves the
/// type to the next rule (the directive's own `type`, then Make's default for the status).
public enum ErrorTypeSpec: Sendable {
    case fixed(ModuleError.Kind)
    case evaluated(TemplateSlot)
}

/// `response.trigger` of a polling trigger (make-format.md §2.9).
public struct TriggerSpec: Sendable {
    public var kind: TriggerSupport.KeyType
    public var order: TriggerSupport.Order
    public var id: TemplateSlot
    public var date: TemplateSlot?
}

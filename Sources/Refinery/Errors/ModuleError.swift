/// A module run that failed, typed as Make's error types so scenarios can route on them
/// (`onerror`), with the module, and where it applies the field and rule, the HTTP status and body
/// excerpt, the page count. The one failure type across the module boundary: the interpreter throws it,
/// the engine routes and reports it. Messages never contain secrets.
public struct ModuleError: Error, Sendable, Hashable {
    /// Make's error types (make-format.md §2.2).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case runtime = "RuntimeError"
        case data = "DataError"
        case rateLimit = "RateLimitError"
        case connection = "ConnectionError"
        case invalidConfiguration = "InvalidConfigurationError"
        case invalidAccessToken = "InvalidAccessTokenError"
        case incompleteData = "IncompleteDataError"
        case duplicateData = "DuplicateDataError"
        case outOfSpace = "OutOfSpaceError"
        case maxResultsExceeded = "MaxResultsExceededError"
    }

    public var kind: Kind
    /// Stable dotted code (`input.required`, `http.status`, `pagination.repeated-cursor`), listed in docs/modules.md.
    public var code: String
    public var message: String
    /// `app:module`.
    public var module: String?
    /// The input field, as a path (`attributes[2].value`), for input errors.
    public var field: String?
    /// The broken rule (`required`, `type`, `max`, `maxLength`, `pattern`, `enum`, `options`...), for input errors.
    public var rule: String?
    /// The HTTP status of the response that failed, if any.
    public var status: Int?
    /// The start of that response's body, secrets redacted (the run report's `errors[].body`).
    public var bodyExcerpt: String?
    /// How many pages were fetched, for pagination errors.
    public var pages: Int?
    /// Further problems of the same kind (every invalid input field after the first).
    public var details: [String] = []

    public init(_ kind: Kind, code: String, message: String, module: String? = nil, status: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.module = module
        self.status = status
    }

    /// Make's default type for an HTTP error status: 429 is `RateLimitError`, 5xx `ConnectionError`, the
    /// rest `RuntimeError`. A module's `error` directive may say otherwise.
    public static func defaultKind(forStatus status: Int) -> Kind {
        switch status {
        case 429: .rateLimit
        case 500...599: .connection
        default: .runtime
        }
    }
}

extension ModuleError: CustomStringConvertible {
    public var description: String {
        var text = "\(kind.rawValue)"
        if let module { text += " in \(module)" }
        text += ": \(message) [\(code)]"
        for detail in details { text += "\n  also: \(detail)" }
        return text
    }

    /// The message with every further problem, on one line (run reports, error routes).
    public var fullMessage: String {
        ([message] + details).joined(separator: "; ")
    }
}

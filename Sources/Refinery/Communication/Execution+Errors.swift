import Foundation
import RefineryHTTP
import RefineryJSON

extension Execution {
    /// A status of 400 or more, or a false `valid`, is an error typed by the `error` directive (per
    /// status first), else by Make's defaults: 429 `RateLimitError`, 5xx `ConnectionError`.
    func checkValid(_ http: HTTPResponse, response: ResponseSpec) throws {
        let invalid = try response.valid.map { try !Truthiness.isTrue(evaluate($0)) } ?? false
        guard invalid || http.status >= 400 else { return }
        let override = response.error.byStatus[http.status]
        let isStatusError = http.status >= 400
        let messageSlot = override?.message ?? (isStatusError ? response.error.message : response.validMessage ?? response.error.message)
        var message = try messageSlot.map { try TemplateText.string(evaluate($0)) } ?? ""
        let bodyExcerpt = excerpt(http.body)
        if message.isEmpty {
            message = isStatusError ? InterpreterMessages.statusError(http.status, excerpt: bodyExcerpt) : InterpreterMessages.invalidResponse()
        }
        let fallbackKind = isStatusError ? ModuleError.defaultKind(forStatus: http.status) : (try kind(response.validType) ?? .runtime)
        let kind = try kind(override?.type) ?? kind(response.error.type) ?? fallbackKind
        var error = ModuleError(kind,
                                code: isStatusError ? "http.status" : "http.invalid-response", message: redactor.redact(message))
        error.status = http.status
        error.bodyExcerpt = bodyExcerpt.isEmpty ? nil : bodyExcerpt
        throw error
    }

    /// The error type a directive gives, nil when it gives none (an expression that is empty or not a type).
    func kind(_ spec: ErrorTypeSpec?) throws -> ModuleError.Kind? {
        switch spec {
        case nil: nil
        case .fixed(let kind): kind
        case .evaluated(let slot): ModuleError.Kind(rawValue: TemplateText.string(try evaluate(slot)).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The start of a body for messages, redacted.
    func excerpt(_ body: [UInt8]) -> String {
        ModuleRequestSender.excerpt(body, redactor: redactor)
    }
}

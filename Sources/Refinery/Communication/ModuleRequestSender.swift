import RefineryHTTP

/// How every module sends one request: through the retrier (with the call's deadline) and the
/// `RedirectFollower`, its failures turned into Make's error types with redacted messages. App modules
/// (`Execution.sendOnce`) and the built-in HTTP modules (`MakeRequestSending`) both send this way.
enum ModuleRequestSender {
    static func send(
        _ request: HTTPRequest, redirects: RedirectPolicy, retrySafe: Bool, environment: ModuleEnvironment,
        deadline: CallDeadline, redactor: OutputRedactor
    ) async throws -> HTTPResponse {
        let follower = RedirectFollower(policy: redirects) { redactor.contains($0) }
        do {
            return try await follower.send(request) { hop in
                try await environment.retrier.send(hop, through: environment.transport, retrySafe: retrySafe, deadline: deadline)
            }
        } catch let refused as RedirectRefused {
            var error = ModuleError(.connection, code: "http.redirect-refused", message: redactor.redact(refused.description))
            error.status = refused.status
            throw error
        } catch let exceeded as DeadlineExceeded {
            throw ModuleError(.connection, code: "http.deadline", message: InterpreterMessages.deadline(redactor.redact(exceeded.description)))
        } catch let limited as RateLimitExceeded {
            var error = ModuleError(.rateLimit, code: "http.rate-limit", message: InterpreterMessages.rateLimited(redactor.redact(limited.description)))
            error.status = limited.status
            throw error
        } catch let failure as HTTPTransportError {
            if failure.kind == .cancelled { throw CancellationError() }
            let target = redactor.redact("\(request.method) \(request.target.prefix { $0 != "?" })")
            let kind: ModuleError.Kind = failure.kind == .invalidURL ? .invalidConfiguration : .connection
            throw ModuleError(kind, code: failure.kind == .invalidURL ? "module.invalid-url" : "http.network",
                              message: InterpreterMessages.network(target, redactor.redact(failure.message)))
        }
    }

    /// The start of a body for messages (200 characters and `...`), redacted.
    static func excerpt(_ body: [UInt8], redactor: OutputRedactor) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return redactor.redact(text.count > 200 ? String(text.prefix(200)) + "..." : text)
    }
}

import RefineryJSON
import RefineryHTTP

/// Make's `http:MakeRequest` (version 4): one request to any URL, its answer as one bundle
/// `{statusCode, headers, data}`. The request goes through the run's transport, retrier (idempotent
/// methods only), request budget (connection `http`), call deadline and `RedirectFollower`, so
/// `--record`/`--replay` and the sandbox routing work as for app modules. See docs/builtins.md.
public struct MakeRequestModule: ScenarioModule {
    public static let name = "http:MakeRequest"

    public init() {}

    public var descriptor: ModuleDescriptor {
        ModuleDescriptor(kind: .action, parameters: Self.parameters, expect: Self.expect, acceptsUndeclaredFields: true, connection: "http")
    }

    public func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream()
        let task = Task {
            do {
                continuation.yield(ModuleOutput(try await Self.perform(call, in: environment)))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func perform(_ call: ModuleCall, in environment: RuntimeEnvironment) async throws -> JSONValue {
        let input = try MakeRequestInput(call.input, connections: environment.httpConnections)
        let redactor = OutputRedactor(secrets: input.secrets + input.authentication.secrets)
        let request = MakeRequestSending.request(input)
        let moduleEnvironment = environment.moduleEnvironment(budget: call.budget, maxPages: call.maxPages, callTimeout: call.callTimeout)
        let deadline = CallDeadline(seconds: min(input.timeout ?? call.callTimeout, call.callTimeout))
        do {
            let response = try await MakeRequestSending.send(request, input: input, environment: moduleEnvironment, deadline: deadline, redactor: redactor)
            return redactor.redact(try MakeRequestSending.output(response, input: input, request: request, redactor: redactor))
        } catch let error as ModuleError {
            var located = redactor.redact(error)
            located.module = located.module ?? name
            throw located
        }
    }

    /// Declared so `validate` checks what it can (a static `method`, the flags); any other mapper key of
    /// Make's export (`shareCookies`, `requestCompressedContent`, ...) is accepted and ignored.
    static let expect: [FieldDeclaration] = [
        FieldDeclaration("url", spec: FieldSpec(name: "url", type: .url)),
        FieldDeclaration("method", spec: methodSpec),
        FieldDeclaration("headers"), FieldDeclaration("queryParameters"),
        FieldDeclaration("contentType"), FieldDeclaration("inputMethod"),
        FieldDeclaration("jsonStringBodyContent"), FieldDeclaration("dataStructureBodyContent"),
        FieldDeclaration("formBodyContent"), FieldDeclaration("multipartBodyContent"), FieldDeclaration("bodyContent"),
        FieldDeclaration("parseResponse", spec: FieldSpec(name: "parseResponse", type: .boolean)),
        FieldDeclaration("allowRedirects", spec: FieldSpec(name: "allowRedirects", type: .boolean)),
        FieldDeclaration("stopOnHttpError", spec: FieldSpec(name: "stopOnHttpError", type: .boolean)),
        FieldDeclaration("timeout"),
    ]

    static let parameters: [FieldDeclaration] = [
        FieldDeclaration("authenticationType", spec: authenticationSpec),
        FieldDeclaration("apiKeyKeychain"), FieldDeclaration("basicAuthKeychain"), FieldDeclaration("bearerKeychain"),
        FieldDeclaration("connection"), FieldDeclaration("tlsType"), FieldDeclaration("proxyKeychain"),
    ]

    static var methodSpec: FieldSpec {
        var spec = FieldSpec(name: "method", type: .select)
        spec.options = (MakeRequestInput.methods + MakeRequestInput.methods.map { $0.uppercased() }).map { FieldSpec.SelectOption(label: $0, value: .string($0)) }
        return spec
    }

    static var authenticationSpec: FieldSpec {
        var spec = FieldSpec(name: "authenticationType", type: .select)
        spec.options = MakeRequestAuthentication.types.map { FieldSpec.SelectOption(label: $0, value: .string($0)) }
        return spec
    }
}

import RefineryJSON

/// Make's version 3 HTTP modules, still in many exports beside `http:MakeRequest`:
/// `http:ActionSendData` (no authentication) and `http:ActionSendDataAPIKeyAuth` (`parameters.auth`
/// names the keychain). Their keys are translated to `http:MakeRequest`'s and the request is that
/// module's: the same transport, retries, redirects, deadline, redaction and output. See docs/builtins.md.
public struct SendDataModule: ScenarioModule {
    public static let plain = "http:ActionSendData"
    public static let apiKeyAuth = "http:ActionSendDataAPIKeyAuth"

    let usesAPIKey: Bool

    public init(usesAPIKey: Bool) {
        self.usesAPIKey = usesAPIKey
    }

    public var descriptor: ModuleDescriptor {
        let parameters = ["handleErrors", "useNewZLibDeCompress"] + (usesAPIKey ? ["auth"] : [])
        return ModuleDescriptor(kind: .action, parameters: parameters.map { FieldDeclaration($0) }, acceptsUndeclaredFields: true, connection: "http")
    }

    public func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream()
        let usesAPIKey = usesAPIKey
        let task = Task {
            do {
                var translated = call
                translated.parameters = [:]
                translated.mapper = try Self.makeRequestInput(call.input, usesAPIKey: usesAPIKey)
                continuation.yield(ModuleOutput(try await MakeRequestModule.perform(translated, in: environment)))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The version 3 keys as `http:MakeRequest`'s: `qs` → `queryParameters`, `followRedirect` →
    /// `allowRedirects`, `handleErrors` → `stopOnHttpError` (default off, as in version 3), `bodyType`
    /// `raw` with `contentType` and `data` → a JSON string or a raw body, `x_www_form_urlencoded` with
    /// `formFields` → form fields, `parameters.auth` → an API-key keychain. Credentials written in the
    /// blueprint (`authUser`, `authPass`) are refused: they belong in a connection.
    static func makeRequestInput(_ input: JSONObject, usesAPIKey: Bool) throws(ModuleError) -> JSONObject {
        var out = JSONObject()
        for (from, to) in [("url", "url"), ("method", "method"), ("headers", "headers"), ("qs", "queryParameters"),
                           ("parseResponse", "parseResponse"), ("timeout", "timeout"), ("followRedirect", "allowRedirects")] {
            if let value = input[from], !value.isNull, value != "" { out[to] = value }
        }
        out["stopOnHttpError"] = input["handleErrors"] ?? false
        for key in ["authUser", "authPass"] where !(input[key].flatMap(MakeRequestInput.text) ?? "").isEmpty {
            throw MakeRequestInput.invalid(key, MakeRequestMessages.inlineCredentials)
        }
        let data = input["data"] ?? .null
        switch input["bodyType"].flatMap(MakeRequestInput.text) ?? "" {
        case "raw":
            let type = input["contentType"].flatMap(MakeRequestInput.text) ?? ""
            if type.lowercased().contains("json") {
                out["contentType"] = "json"
                out["inputMethod"] = "jsonString"
                out["jsonStringBodyContent"] = data
            } else {
                out["contentType"] = .string(type.isEmpty ? "text/plain" : type)
                out["bodyContent"] = data
            }
        case "x_www_form_urlencoded":
            out["contentType"] = "x-www-form-urlencoded"
            out["formBodyContent"] = .array((input["formFields"]?.arrayValue ?? []).map { field in
                ["name": field["key"] ?? field["name"] ?? .null, "value": field["value"] ?? .null]
            })
        case "multipart_form_data":
            out["contentType"] = "multipart/form-data"
        default:
            break
        }
        if usesAPIKey {
            out["authenticationType"] = "apiKey"
            out["apiKeyKeychain"] = input["auth"] ?? .null
        }
        return out
    }
}

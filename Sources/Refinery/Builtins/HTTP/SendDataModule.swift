import Foundation
import RefineryJSON

/// Make's version 3 HTTP modules, still in many exports beside `http:MakeRequest`:
/// `http:ActionSendData` (no authentication), `http:ActionSendDataBasicAuth` (`parameters.key` names the
/// keychain), `http:ActionSendDataAPIKeyAuth` (`parameters.auth`) and `http:ActionGetFile`. Their keys are
/// translated to `http:MakeRequest`'s and the request is that module's: the same transport, retries,
/// redirects, deadline, redaction and output (a file's for `ActionGetFile`). See docs/builtins.md.
public struct SendDataModule: ScenarioModule {
    public enum Variant: String, Sendable, CaseIterable {
        case plain = "http:ActionSendData"
        case basicAuth = "http:ActionSendDataBasicAuth"
        case apiKeyAuth = "http:ActionSendDataAPIKeyAuth"
        case getFile = "http:ActionGetFile"

        /// The parameter naming the keychain, and the authentication it means.
        var keychain: (parameter: String, type: String, key: String)? {
            switch self {
            case .basicAuth: ("key", "basicAuth", "basicAuthKeychain")
            case .apiKeyAuth: ("auth", "apiKey", "apiKeyKeychain")
            case .plain, .getFile: nil
            }
        }
    }

    let variant: Variant

    public init(_ variant: Variant) {
        self.variant = variant
    }

    public var descriptor: ModuleDescriptor {
        let parameters = ["handleErrors", "useNewZLibDeCompress"] + (variant.keychain.map { [$0.parameter] } ?? [])
        return ModuleDescriptor(kind: .action, parameters: parameters.map { FieldDeclaration($0) }, acceptsUndeclaredFields: true, connection: "http")
    }

    public func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream()
        let variant = variant
        let task = Task {
            do {
                var translated = call
                translated.parameters = [:]
                translated.mapper = try Self.makeRequestInput(call.input, variant: variant)
                let output = try await MakeRequestModule.perform(translated, in: environment)
                continuation.yield(ModuleOutput(variant == .getFile ? Self.file(output, url: translated.mapper["url"]) : output))
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
    static func makeRequestInput(_ input: JSONObject, variant: Variant) throws(ModuleError) -> JSONObject {
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
            out["contentType"] = "multipart"
            out["multipartBodyContent"] = .array((input["formDataFields"]?.arrayValue ?? []).map { field in
                var part = field.objectValue ?? [:]
                part["name"] = field["key"] ?? field["name"] ?? .null
                part["multipartFieldType"] = field["fieldType"] ?? "text"
                return .object(part)
            })
        default:
            break
        }
        if let keychain = variant.keychain {
            out["authenticationType"] = .string(keychain.type)
            out[keychain.key] = input[keychain.parameter] ?? .null
        }
        if variant == .getFile { out["parseResponse"] = false }
        return out
    }

    /// `http:ActionGetFile`'s bundle: `{fileName, fileSize, data, statusCode, headers}`. The name is the
    /// `Content-Disposition` filename, else the URL's last path segment.
    static func file(_ output: JSONValue, url: JSONValue?) -> JSONValue {
        let data = output["data"]?.stringValue ?? ""
        let disposition = output["headers"]?["content-disposition"]?.stringValue
        let fromURL = url?.stringValue.flatMap { URLComponents(string: $0)?.path.split(separator: "/").last.map(String.init) }
        let fileName = disposition.flatMap(Self.fileName(fromDisposition:)) ?? fromURL ?? "file"
        return [
            "fileName": .string(fileName), "fileSize": .int(data.utf8.count), "data": .string(data),
            "statusCode": output["statusCode"] ?? .null, "headers": output["headers"] ?? .object([:]),
        ]
    }

    /// `attachment; filename="report.csv"` → `report.csv`.
    static func fileName(fromDisposition value: String) -> String? {
        for part in value.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix("filename=") else { continue }
            let name = pair.dropFirst("filename=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return name.isEmpty ? nil : name
        }
        return nil
    }
}

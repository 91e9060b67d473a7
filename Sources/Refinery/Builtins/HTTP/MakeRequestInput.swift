import Foundation
import RefineryHTTP
import RefineryJSON

/// `http:MakeRequest`'s evaluated mapper and parameters, checked: everything wrong with them is a
/// `DataError` (or, for a missing connection, an `InvalidConfigurationError`) before anything is sent.
struct MakeRequestInput: Sendable {
    static let methods = ["get", "head", "post", "put", "patch", "delete", "options"]

    var method: HTTPMethod
    var url: String
    var headers: [(name: String, value: String)]
    var query: [(name: String, value: String)]
    var body: MakeRequestBody
    var parseResponse: Bool
    /// Seconds, when the mapper gives one.
    var timeout: Double?
    var allowRedirects: Bool
    var stopOnHttpError: Bool
    var authentication: MakeRequestAuthentication
    /// The connection's secrets and the request's `Authorization`: masked in output, errors and reports.
    var secrets: [String]

    init(_ input: JSONObject, connections: HTTPConnections) throws(ModuleError) {
        let connection = try MakeRequestAuthentication.connection(input, connections)
        authentication = try MakeRequestAuthentication(input, connection: connection)
        method = try Self.method(input["method"])
        url = try Self.url(input["url"], connectionURL: connection?.connection[.url])
        headers = try Self.pairs(input["headers"], key: "headers")
        query = try Self.pairs(input["queryParameters"], key: "queryParameters")
        body = try MakeRequestBody(input)
        parseResponse = try Self.flag(input["parseResponse"], key: "parseResponse", default: false)
        timeout = try Self.seconds(input["timeout"])
        allowRedirects = try Self.flag(input["allowRedirects"], key: "allowRedirects", default: true)
        stopOnHttpError = try Self.flag(input["stopOnHttpError"], key: "stopOnHttpError", default: true)
        secrets = connection?.connection.secrets ?? []
    }

    static func invalid(_ key: String, _ message: String) -> ModuleError {
        var error = ModuleError(.data, code: "module.invalid-value", message: message, module: MakeRequestMessages.module)
        error.field = key
        return error
    }

    static func method(_ value: JSONValue?) throws(ModuleError) -> HTTPMethod {
        guard let text = value.flatMap(Self.text), !text.isEmpty else { return .get }
        guard methods.contains(text.lowercased()) else {
            throw invalid("method", MakeRequestMessages.unknownMethod(text, suggestion: Suggestion.closest(to: text.lowercased(), in: methods)))
        }
        return HTTPMethod(rawValue: text)
    }

    static func url(_ value: JSONValue?, connectionURL: String?) throws(ModuleError) -> String {
        let given = value.flatMap(Self.text)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let url = given.isEmpty ? connectionURL : given else {
            var error = ModuleError(.data, code: "module.missing-field", message: MakeRequestMessages.missingURL, module: MakeRequestMessages.module)
            error.field = "url"
            throw error
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            // A connection's URL is a secret: never shown.
            throw invalid("url", MakeRequestMessages.invalidURL(url == connectionURL ? OutputRedactor.mask : url))
        }
        return url
    }

    /// Make's `[{name, value}]` arrays; an item without a name is left out, as Make does with empty rows.
    static func pairs(_ value: JSONValue?, key: String) throws(ModuleError) -> [(name: String, value: String)] {
        guard let value, !value.isNull, value != .string("") else { return [] }
        guard let items = value.arrayValue else { throw invalid(key, MakeRequestMessages.invalidValue(key, expected: "an array of {name, value}")) }
        var pairs: [(name: String, value: String)] = []
        for item in items {
            guard let object = item.objectValue else { throw invalid(key, MakeRequestMessages.invalidValue(key, expected: "an array of {name, value}")) }
            guard let name = object["name"].flatMap(Self.text), !name.isEmpty else { continue }
            pairs.append((name, object["value"].flatMap(Self.text) ?? ""))
        }
        return pairs
    }

    static func flag(_ value: JSONValue?, key: String, default fallback: Bool) throws(ModuleError) -> Bool {
        switch value {
        case nil, .null?, .string("")?: fallback
        case .bool(let flag)?: flag
        case .string("true")?, .int(1)?: true
        case .string("false")?, .int(0)?: false
        default: throw invalid(key, MakeRequestMessages.invalidValue(key, expected: "true or false"))
        }
    }

    static func seconds(_ value: JSONValue?) throws(ModuleError) -> Double? {
        switch value {
        case nil, .null?, .string("")?: return nil
        case .int(let number)? where number > 0: return Double(number)
        case .double(let number)? where number > 0 && number.isFinite: return number
        case .string(let text)?:
            if let number = Double(text.trimmingCharacters(in: .whitespaces)), number > 0, number.isFinite { return number }
        default: break
        }
        throw invalid("timeout", MakeRequestMessages.invalidValue("timeout", expected: "a number of seconds above 0"))
    }

    /// A scalar as text (numbers and booleans as JSON writes them); nil for arrays and objects.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int, .double, .bool: value.serialized()
        case .null: ""
        default: nil
        }
    }
}

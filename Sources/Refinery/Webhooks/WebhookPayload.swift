import RefineryHTTP
import RefineryJSON

/// What a custom webhook's request carries, as one bundle: a JSON body as it is, a form-encoded body
/// (`application/x-www-form-urlencoded`) as an object of its fields, no body as an empty object; the
/// query string's parameters are added to an object (a body field of the same name wins). A repeated
/// name gives an array of its values. nil when the body is not valid JSON.
enum WebhookPayload {
    static func of(_ request: HTTPRequest) -> JSONValue? {
        let contentType = (request.headers["Content-Type"] ?? "").lowercased()
        var payload: JSONValue
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            payload = .object(fields(FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self))))
        } else if request.body.isEmpty {
            payload = .object([:])
        } else {
            guard let parsed = try? JSONValue(parsing: request.body) else { return nil }
            payload = parsed
        }
        if case .object(var object) = payload {
            for (name, value) in fields(request.queryItems) where object[name] == nil { object[name] = value }
            payload = .object(object)
        }
        return payload
    }

    private static func fields(_ pairs: [(name: String, value: String)]) -> JSONObject {
        var object = JSONObject()
        for (name, value) in pairs {
            switch object[name] {
            case nil: object[name] = .string(value)
            case .array(let values)?: object[name] = .array(values + [.string(value)])
            case let single?: object[name] = .array([single, .string(value)])
            }
        }
        return object
    }
}

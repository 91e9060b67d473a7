import RefineryHTTP
import RefineryJSON

/// Parses a response body by `response.type`: `automatic` looks at Content-Type.
enum ResponseParsing {
    static func type(for status: Int, in types: [(range: ClosedRange<Int>, type: ResponseSpec.BodyType)]) -> ResponseSpec.BodyType {
        types.filter { $0.range.contains(status) }.min { $0.range.count < $1.range.count }?.type ?? .automatic
    }

    static func parse(_ response: HTTPResponse, as type: ResponseSpec.BodyType) throws(ModuleError) -> JSONValue {
        switch type {
        case .automatic: return try automatic(response)
        case .json: return try json(response.body)
        case .urlencoded: return urlencoded(response.body)
        case .text, .string, .raw, .binary: return .string(String(decoding: response.body, as: UTF8.self))
        }
    }

    static func automatic(_ response: HTTPResponse) throws(ModuleError) -> JSONValue {
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        if contentType.contains("json") { return try json(response.body) }
        if contentType.contains("x-www-form-urlencoded") { return urlencoded(response.body) }
        if contentType.hasPrefix("text/") || response.body.isEmpty { return .string(String(decoding: response.body, as: UTF8.self)) }
        return (try? JSONValue(parsing: response.body)) ?? .string(String(decoding: response.body, as: UTF8.self))
    }

    static func json(_ bytes: [UInt8]) throws(ModuleError) -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw ModuleError(.runtime, code: "http.invalid-json", message: InterpreterMessages.invalidJSON(error.description))
        }
    }

    static func urlencoded(_ bytes: [UInt8]) -> JSONValue {
        .object(JSONObject(FormURLEncoding.decode(String(decoding: bytes, as: UTF8.self)).map { ($0.name, JSONValue.string($0.value)) }))
    }

    /// Response headers as an object with lowercase names (the last value wins).
    static func headers(_ headers: HTTPHeaders) -> JSONValue {
        var object = JSONObject()
        for field in headers { object[field.name.lowercased()] = .string(field.value) }
        return .object(object)
    }
}

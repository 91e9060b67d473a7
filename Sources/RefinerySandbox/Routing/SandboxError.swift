import RefineryHTTP
import RefineryJSON

/// An error answer in Refiner's shapes: `{"error": ...}` for most, `{"message": ...}` for an unknown key.
struct SandboxError: Error, Sendable {
    var status: Int
    var body: JSONValue
    var headers: HTTPHeaders = [:]

    static func validation(_ message: String) -> SandboxError {
        SandboxError(status: 400, body: ["error": .string(message)])
    }

    static func notFound(_ message: String) -> SandboxError {
        SandboxError(status: 404, body: ["error": .string(message)])
    }

    static let noKey = SandboxError(status: 401, body: ["error": "No API key found in headers"])
    static let malformedKey = SandboxError(status: 401, body: ["error": "API key does not look valid"])
    static let unknownKey = SandboxError(status: 404, body: ["message": "API key not valid or does not exist"])

    static func tooManyRequests(retryAfter: Int) -> SandboxError {
        SandboxError(status: 429, body: ["error": "Too many requests"], headers: ["Retry-After": String(retryAfter)])
    }

    var response: HTTPResponse {
        .json(body, status: status, headers: headers)
    }
}

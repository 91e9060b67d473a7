import Foundation
import RefineryHTTP
import RefineryJSON

/// Maps `METHOD /v1/path` to the store's endpoint methods.
enum SandboxRouter {
    static func route(
        _ method: HTTPMethod, path: String, parameters: SandboxParameters, now: Date, store: inout SandboxStore
    ) throws(SandboxError) -> JSONValue {
        var endpoint = String(path.dropFirst(3))
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        switch (method, endpoint) {
        case (.get, ""): return store.root()
        case (.post, "/identify-user"): return try store.identifyUser(parameters, now: now)
        case (.post, "/track-event"), (.post, "/track"): return try store.trackEvent(parameters, now: now)
        case (.get, "/contacts"): return try store.listContacts(parameters)
        case (.get, "/contact"): return try store.getContact(parameters)
        case (.delete, "/contact"): return try store.deleteContact(parameters)
        case (.get, "/responses"): return try store.listResponses(parameters)
        case (.post, "/responses"): return try store.storeResponse(parameters, now: now)
        case (.post, "/responses/tags"): return try store.tagResponse(parameters)
        case (.get, "/forms"): return try store.listForms(parameters)
        case (.post, "/forms/publish"): return try store.publishForm(parameters, now: now)
        case (.post, "/forms/duplicate"): return try store.duplicateForm(parameters, now: now)
        case (.delete, "/forms"): return try store.archiveForm(parameters, now: now)
        case (.get, "/forms/history"): return try store.formHistory(parameters)
        case (.get, "/segments"): return try store.listSegments(parameters)
        case (.post, "/sync-segment"): return try store.addToSegment(parameters, now: now)
        case (.delete, "/sync-segment"): return try store.removeFromSegment(parameters)
        case (.get, "/reporting"): return try store.reporting(parameters, now: now)
        case (.get, "/account"): return store.account(now: now)
        default:
            if knownPaths.contains(endpoint) {
                throw SandboxError(status: 405, body: ["error": .string("Method \(method) is not allowed on /v1\(endpoint)")])
            }
            throw .notFound("Not found: no endpoint /v1\(endpoint)")
        }
    }

    static let knownPaths: Set<String> = [
        "", "/identify-user", "/track-event", "/track", "/contacts", "/contact", "/responses", "/responses/tags", "/forms",
        "/forms/publish", "/forms/duplicate", "/forms/history", "/segments", "/sync-segment", "/reporting", "/account",
    ]
}

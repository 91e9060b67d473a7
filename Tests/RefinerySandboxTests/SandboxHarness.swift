import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox

/// A sandbox on a virtual clock, called in-process.
struct SandboxHarness {
    enum Auth {
        case bearer(String), basic(String), query(String), none
    }

    let sandbox: RefinerSandbox
    let clock: VirtualRunClock

    init(
        seed: SandboxSeed = .demo, contacts: Int? = nil, rateLimits: SandboxRateLimits = .unlimited,
        webhookTransport: (any HTTPTransport)? = nil
    ) {
        clock = VirtualRunClock()
        sandbox = RefinerSandbox(configuration: SandboxConfiguration(
            seed: seed, contacts: contacts, rateLimits: rateLimits, clock: clock, webhookTransport: webhookTransport
        ))
    }

    var key: String { sandbox.apiKey }

    /// Sends a request; `json` becomes a JSON body, `form` a urlencoded one.
    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: JSONValue? = nil,
        form: String? = nil, auth: Auth? = nil
    ) async -> (status: Int, body: JSONValue, headers: HTTPHeaders) {
        var target = path
        if !query.isEmpty { target += "?" + FormURLEncoding.encode(query) }
        var headers = HTTPHeaders()
        var queryKey: String?
        switch auth ?? .bearer(key) {
        case .bearer(let key): headers["Authorization"] = "Bearer \(key)"
        case .basic(let key): headers["Authorization"] = "Basic " + Data("\(key):".utf8).base64EncodedString()
        case .query(let key): queryKey = key
        case .none: break
        }
        if let queryKey { target += (target.contains("?") ? "&" : "?") + "api_key=" + PercentEncoding.encode(queryKey) }
        var body: [UInt8] = []
        if let json {
            headers["Content-Type"] = "application/json"
            body = json.serializedBytes()
        } else if let form {
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = Array(form.utf8)
        }
        let response = await sandbox.handle(HTTPRequest(method: method, target: target, headers: headers, body: body))
        let value = (try? response.jsonBody()) ?? .string(String(decoding: response.body, as: UTF8.self))
        return (response.status, value, response.headers)
    }

    /// Every item of a list, walked by cursor (`byCursor`) or by page number.
    func walk(_ path: String, query: [(String, String)] = [], byCursor: Bool, pageLength: Int) async -> (items: [JSONValue], pages: Int) {
        var items: [JSONValue] = []
        var cursor: String?
        var page = 1
        while page < 10_000 {
            var parameters = query + [("page_length", String(pageLength))]
            if byCursor, let cursor { parameters.append(("page_cursor", cursor)) } else if !byCursor { parameters.append(("page", String(page))) }
            let (_, body, _) = await call(.get, path, query: parameters)
            items += body["items"]?.arrayValue ?? []
            let pagination = body["pagination"]
            if byCursor {
                guard let next = pagination?["next_page_cursor"]?.stringValue else { break }
                cursor = next
            } else if (pagination?["current_page"]?.intValue ?? 0) >= (pagination?["last_page"]?.intValue ?? 0) {
                break
            }
            page += 1
        }
        return (items, page)
    }
}

extension JSONValue {
    var uuids: [String] { (arrayValue ?? []).compactMap { $0["uuid"]?.stringValue } }
}

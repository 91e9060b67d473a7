public import RefineryJSON

/// An HTTP request. `target` is what the request line carries: an absolute URL on the client side
/// (`https://api.refiner.io/v1/contacts?page=2`), or the origin form on the server side (`/v1/contacts?page=2`).
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Client side: the longest this request may take, in seconds, when shorter than the transport's own
    /// timeouts (what is left of a module call's deadline). Not part of the request's identity: never
    /// sent, recorded or matched.
    public var timeout: Double?

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    public static func == (left: HTTPRequest, right: HTTPRequest) -> Bool {
        left.method == right.method && left.target == right.target && left.headers == right.headers && left.body == right.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(target)
        hasher.combine(headers)
        hasher.combine(body)
    }

    /// The path, percent-decoded, without scheme, authority or query: `/v1/contacts`.
    public var path: String {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let colon = rest.firstIndex(of: ":") {
            rest = rest[colon...].drop { $0 == ":" || $0 == "/" }
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        let end = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        return PercentEncoding.decode(rest[..<end]) ?? String(rest[..<end])
    }

    /// The raw query string after `?`, without the fragment; empty when there is none.
    public var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        let rest = target[target.index(after: mark)...]
        return String(rest.prefix { $0 != "#" })
    }

    /// The query's name/value pairs in order, `+` as space and percent-decoded.
    public var queryItems: [(name: String, value: String)] {
        FormURLEncoding.decode(query)
    }

    /// The body parsed as JSON.
    public func jsonBody() throws -> JSONValue {
        try JSONValue(parsing: body)
    }
}

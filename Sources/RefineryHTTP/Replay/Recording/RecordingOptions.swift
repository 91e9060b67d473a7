/// What a recording keeps besides method, URL, status and bodies.
public struct RecordingOptions: Sendable, Hashable {
    /// Request headers stored (lowercase). Always-redacted headers are stored too, as `<redacted>`, so a
    /// reader sees that they were sent. Default: `accept`, `content-type`.
    public var requestHeaders: Set<String>
    /// Response headers stored (lowercase). Default: `content-type`, `retry-after`, `location`, `link`
    /// and the usual rate-limit headers. `date` and the like are left out: they would change every time.
    public var responseHeaders: Set<String>
    /// URL origins rewritten as recorded, e.g. `["http://127.0.0.1:53121": "https://api.refiner.io"]`
    /// so a cassette recorded against a sandbox on an ephemeral port does not change with the port.
    /// Matching ignores scheme and host, so the rewritten cassette still replays.
    public var origins: [String: String]

    public static let defaultRequestHeaders: Set<String> = ["accept", "content-type"]
    public static let defaultResponseHeaders: Set<String> = [
        "content-type", "retry-after", "location", "link",
        "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
    ]

    public init(
        requestHeaders: Set<String> = RecordingOptions.defaultRequestHeaders,
        responseHeaders: Set<String> = RecordingOptions.defaultResponseHeaders,
        origins: [String: String] = [:]
    ) {
        self.requestHeaders = Set(requestHeaders.map { $0.lowercased() })
        self.responseHeaders = Set(responseHeaders.map { $0.lowercased() })
        self.origins = origins
    }
}

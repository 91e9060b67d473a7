/// The limits a server enforces on every connection. Requests over a limit are answered and the
/// connection is closed: request line over `maxRequestLineBytes` 414, header section over
/// `maxHeaderBytes` or more than `maxHeaderCount` fields 431, body over `maxBodyBytes` 413, a request
/// not complete within `readTimeout` seconds 408. A kept-alive connection with no new request for
/// `idleTimeout` seconds is closed without an answer.
public struct HTTPServerLimits: Sendable, Hashable {
    /// Bytes in the request line, without its CRLF. Default 8 KiB.
    public var maxRequestLineBytes: Int
    /// Header fields per request. Default 100.
    public var maxHeaderCount: Int
    /// Bytes of the whole header section (every field line with its CRLF). Default 32 KiB.
    public var maxHeaderBytes: Int
    /// Bytes of a request body (`Content-Length`). Default 8 MiB.
    public var maxBodyBytes: Int
    /// Seconds from a request's first byte to its last. Default 30.
    public var readTimeout: Double
    /// Seconds a kept-alive connection may wait for its next request. Default 60.
    public var idleTimeout: Double
    /// Open connections; beyond it new ones get 503 and are closed. Default 512.
    public var maxConnections: Int
    /// How often (milliseconds) blocked threads wake to check timeouts and stopping. Default 100.
    public var pollIntervalMilliseconds: Int

    public init(
        maxRequestLineBytes: Int = 8 * 1024, maxHeaderCount: Int = 100, maxHeaderBytes: Int = 32 * 1024,
        maxBodyBytes: Int = 8 * 1024 * 1024, readTimeout: Double = 30, idleTimeout: Double = 60,
        maxConnections: Int = 512, pollIntervalMilliseconds: Int = 100
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
    }
}

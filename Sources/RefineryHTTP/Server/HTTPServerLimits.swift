/// The limits a server enforces on every connection. Requests over a limit are answered and the
/// connection is closed: request line over `maxRequestLineBytes` 414, header section over
/// `maxHeaderBytes` or more than `maxHeaderCount` fields 431, body over `maxBodyBytes` 413.
///
/// Deadlines (408, then closed): the request line and headers must be complete within `headerTimeout`
/// seconds of the request's first byte, the body within `bodyTimeout` seconds of the end of the
/// headers, the whole request within `readTimeout` of its first byte. A slow client is cut at the
/// deadline even if each of its bytes arrives in time. A connection with no request under way (fresh,
/// or kept alive after a response) is closed without an answer after `idleTimeout` seconds.
///
/// At most `maxConnections` are open. A newcomer beyond it takes the place of the connection doing
/// worst (`SheddingPolicy`: idle first, then the longest in its header phase, then the longest in its
/// body); connections running a handler are never shed. Only when every one is, the newcomer gets 503.
public struct HTTPServerLimits: Sendable, Hashable {
    /// Bytes in the request line, without its CRLF. Default 8 KiB.
    public var maxRequestLineBytes: Int
    /// Header fields per request. Default 100.
    public var maxHeaderCount: Int
    /// Bytes of the whole header section (every field line with its CRLF). Default 32 KiB.
    public var maxHeaderBytes: Int
    /// Bytes of a request body (`Content-Length`). Default 8 MiB.
    public var maxBodyBytes: Int
    /// Seconds from a request's first byte to the end of its headers. Default 10.
    public var headerTimeout: Double
    /// Seconds from the end of a request's headers to the end of its body. Default 20 (a 1 MiB webhook
    /// body then needs about 52 KB/s).
    public var bodyTimeout: Double
    /// Seconds from a request's first byte to its last. Default 30.
    public var readTimeout: Double
    /// Seconds a connection may wait for the first byte of its next request. Default 60.
    public var idleTimeout: Double
    /// Open connections; beyond it a newcomer sheds the slowest, or gets 503 if all are busy. Default 512.
    public var maxConnections: Int
    /// How often (milliseconds) blocked threads wake to check deadlines and stopping. Default 100.
    public var pollIntervalMilliseconds: Int

    public init(
        maxRequestLineBytes: Int = 8 * 1024, maxHeaderCount: Int = 100, maxHeaderBytes: Int = 32 * 1024,
        maxBodyBytes: Int = 8 * 1024 * 1024, headerTimeout: Double = 10, bodyTimeout: Double = 20,
        readTimeout: Double = 30, idleTimeout: Double = 60, maxConnections: Int = 512,
        pollIntervalMilliseconds: Int = 100
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
    }
}

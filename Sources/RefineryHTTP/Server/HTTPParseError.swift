/// Why a request could not be parsed, with the status to answer before closing the connection:
/// 400 malformed, 413 body too large, 414 request line too long, 431 headers too large,
/// 501 `Transfer-Encoding` (only `Content-Length` bodies are supported), 505 other HTTP versions.
public struct HTTPParseError: Error, Sendable, Hashable {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    static func malformed(_ message: String) -> HTTPParseError {
        HTTPParseError(status: 400, message: message)
    }
}

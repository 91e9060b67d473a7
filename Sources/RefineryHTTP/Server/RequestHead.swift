/// The request line and header fields of a request being parsed, with the syntax checks of RFC 9112.
struct RequestHead: Sendable {
    var method = HTTPMethod.get
    var target = "/"
    var minorVersion = 1
    var headers = HTTPHeaders()

    var expectsContinue: Bool {
        headers["Expect"]?.lowercased() == "100-continue"
    }

    var keepAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.lowercased().split(separator: ",") }
            .map { $0.trimmingOWS() }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }

    /// `METHOD SP request-target SP HTTP/1.x`.
    static func parseRequestLine(_ line: [UInt8]) -> Result<RequestHead, HTTPParseError> {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure(.malformed("the request line is not 'METHOD target HTTP/1.1'")) }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else { return .failure(.malformed("the method is not a token")) }
        guard isValidTarget(parts[1]) else { return .failure(.malformed("the request target is not an origin-form path or an absolute URL")) }
        let version = Array(parts[2])
        let prefix = Array("HTTP/".utf8)
        guard version.count == 8, Array(version[0..<5]) == prefix, isDigit(version[5]),
              version[6] == UInt8(ascii: "."), isDigit(version[7]) else {
            return .failure(.malformed("the protocol version is not 'HTTP/x.y'"))
        }
        guard version[5] == UInt8(ascii: "1") else {
            return .failure(HTTPParseError(status: 505, message: "only HTTP/1.0 and HTTP/1.1 are supported"))
        }
        var head = RequestHead()
        head.method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        head.target = String(decoding: parts[1], as: UTF8.self)
        head.minorVersion = Int(version[7] - UInt8(ascii: "0"))
        return .success(head)
    }

    /// `name: OWS value OWS`; no space before the colon, no obsolete line folding, no control bytes.
    static func parseHeaderLine(_ line: [UInt8]) -> Result<(name: String, value: String), HTTPParseError> {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            return .failure(.malformed("a header line has no 'name:'"))
        }
        guard line[..<colon].allSatisfy(isTokenByte) else {
            return .failure(.malformed("a header name has a character that is not allowed (or folded lines)"))
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(.malformed("a header value has a control character"))
        }
        return .success((String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }

    /// The body's length from `Content-Length`; `Transfer-Encoding` is not supported.
    func bodyLength(limits: HTTPServerLimits) -> Result<Int, HTTPParseError> {
        if headers.contains("Transfer-Encoding") {
            return .failure(HTTPParseError(status: 501, message: "Transfer-Encoding is not supported; send Content-Length"))
        }
        let values = headers.values("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingOWS() }
        guard let first = values.first else { return .success(0) }
        guard values.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy(Self.isDigit), first.utf8.count <= 18,
              let length = Int(first) else {
            return .failure(.malformed("Content-Length is not one non-negative integer"))
        }
        guard length <= limits.maxBodyBytes else {
            return .failure(HTTPParseError(status: 413, message: "the body is larger than \(limits.maxBodyBytes) bytes"))
        }
        return .success(length)
    }

    static func isValidTarget(_ target: ArraySlice<UInt8>) -> Bool {
        guard let first = target.first, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        if first == UInt8(ascii: "/") || (target.count == 1 && first == UInt8(ascii: "*")) { return true }
        let text = String(decoding: target, as: UTF8.self).lowercased()
        return text.hasPrefix("http://") || text.hasPrefix("https://")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingOWS() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isOWS).reversed().drop(while: isOWS).reversed())
    }
}

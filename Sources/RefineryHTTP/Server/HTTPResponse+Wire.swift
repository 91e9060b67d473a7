import RefineryJSON

extension HTTPResponse {
    /// The response as HTTP/1.1 bytes. `Content-Length` and `Connection` are the server's: any the
    /// handler set are replaced. `includeBody` is false for HEAD.
    func wireBytes(keepAlive: Bool, includeBody: Bool = true) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.wireReason(status))\r\n"
        for field in headers where !Self.serverOwned(field.name) {
            head += "\(field.name): \(Self.sanitized(field.value))\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if includeBody {
            bytes.reserveCapacity(bytes.count + body.count)
            bytes.append(contentsOf: body)
        }
        return bytes
    }

    /// The error answer the server itself sends for a request it could not take.
    static func serverError(_ status: Int, _ message: String) -> HTTPResponse {
        .json(["error": .string(message)], status: status)
    }

    static func wireReason(_ status: Int) -> String {
        status == 414 ? "URI Too Long" : status == 100 ? "Continue" : reasonPhrase(status)
    }

    static func serverOwned(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "content-length" || lower == "connection" || lower == "transfer-encoding"
    }

    /// Header values never carry a line break onto the wire (response splitting).
    static func sanitized(_ value: String) -> String {
        value.contains(where: { $0 == "\r" || $0 == "\n" }) ? String(value.filter { $0 != "\r" && $0 != "\n" }) : value
    }
}

import RefineryJSON

extension Redactor {
    /// A request with every rule applied to its URL, headers and body.
    func redact(_ request: RecordedRequest, log: inout RedactionLog) -> RecordedRequest {
        var request = request
        request.url = redactURL(request.url, log: &log)
        request.headers = redact(request.headers, side: .request, log: &log)
        request.body = redact(request.body, side: .request, contentType: request.headers["content-type"], log: &log)
        return request
    }

    /// A response with every rule applied to its headers and body.
    func redact(_ response: RecordedResponse, log: inout RedactionLog) -> RecordedResponse {
        var response = response
        response.headers = redact(response.headers, side: .response, log: &log)
        response.body = redact(response.body, side: .response, contentType: response.headers["content-type"], log: &log)
        return response
    }

    /// A transport failure's message with secrets replaced (a URL in an error message may carry one).
    func redact(_ failure: HTTPTransportError, log: inout RedactionLog) -> HTTPTransportError {
        HTTPTransportError(failure.kind, redactSecrets(in: failure.message, place: "failure", log: &log))
    }

    func redact(_ headers: HTTPHeaders, side: SanitizePath.Side, log: inout RedactionLog) -> HTTPHeaders {
        let place = "\(side.rawValue).headers"
        var redacted = HTTPHeaders()
        for (name, value) in headers {
            let lowered = name.lowercased()
            if let path = headerPath(lowered, on: side) {
                log.note(.path, path.text, at: place)
                redacted.add(name, Self.marker)
            } else if self.headers.contains(lowered) {
                log.note(.header, lowered, at: place)
                redacted.add(name, Self.marker)
            } else {
                redacted.add(name, redactSecrets(in: value, place: place, log: &log))
            }
        }
        return redacted
    }

    func redact(_ body: RecordedBody, side: SanitizePath.Side, contentType: String?, log: inout RedactionLog) -> RecordedBody {
        let place = "\(side.rawValue).body"
        switch body {
        case .empty:
            return .empty
        case .json(let value):
            var value = value
            for path in bodyPaths(on: side) where Self.mask(&value, keys: path.keys[...]) {
                log.note(.path, path.text, at: place)
            }
            return .json(redactSecrets(in: value, place: place, log: &log))
        case .text(var text):
            if side == .request, contentType?.lowercased().contains("x-www-form-urlencoded") == true {
                text = redactParameters(in: Substring(text), place: place, extraNames: formBodyPaths(), log: &log)
            }
            return .text(redactSecrets(in: text, place: place, log: &log))
        case .binary(let bytes):
            return .binary(redactSecrets(in: bytes, place: place, log: &log))
        }
    }

    /// Single-key request body paths, which name fields of a urlencoded body.
    private func formBodyPaths() -> [String: String] {
        var names: [String: String] = [:]
        for path in bodyPaths(on: .request) where path.keys.count == 1 { names[path.keys[0]] = path.text }
        return names
    }

    /// Replaces the value at `keys` with the marker; arrays apply the rest of the path to each element.
    /// Returns whether anything was replaced.
    static func mask(_ value: inout JSONValue, keys: ArraySlice<String>) -> Bool {
        switch value {
        case .object(var object):
            guard let key = keys.first, let member = object[key] else { return false }
            if keys.count == 1 {
                object[key] = .string(marker)
                value = .object(object)
                return true
            }
            var inner = member
            let masked = mask(&inner, keys: keys.dropFirst())
            if masked {
                object[key] = inner
                value = .object(object)
            }
            return masked
        case .array(var array):
            var masked = false
            for index in array.indices where mask(&array[index], keys: keys) { masked = true }
            if masked { value = .array(array) }
            return masked
        default:
            return false
        }
    }

    /// Secrets replaced in every string of a JSON value, keys included.
    func redactSecrets(in value: JSONValue, place: String, log: inout RedactionLog) -> JSONValue {
        guard !patterns.isEmpty else { return value }
        switch value {
        case .string(let text):
            return .string(redactSecrets(in: text, place: place, log: &log))
        case .array(let array):
            return .array(array.map { redactSecrets(in: $0, place: place, log: &log) })
        case .object(let object):
            var redacted = JSONObject(minimumCapacity: object.count)
            for (key, member) in object {
                redacted[redactSecrets(in: key, place: place, log: &log)] = redactSecrets(in: member, place: place, log: &log)
            }
            return .object(redacted)
        default:
            return value
        }
    }
}

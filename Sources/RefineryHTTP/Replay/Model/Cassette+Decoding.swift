public import RefineryJSON
import Foundation

extension Cassette {
    /// Reads a cassette from its JSON text. `path` only names the file in messages.
    public init(bytes: [UInt8], path: String = "cassette") throws(CassetteError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw CassetteError(.invalid, CassetteMessages.invalid(path, error.message))
        }
        try self.init(json: value, path: path)
    }

    /// Reads a cassette from its JSON value. `path` only names the file in messages.
    public init(json: JSONValue, path: String = "cassette") throws(CassetteError) {
        let root = CassetteReader(path: path, pointer: "", value: json)
        let version = try root.member("version").int()
        guard version == Cassette.formatVersion else {
            throw CassetteError(.unsupportedVersion, CassetteMessages.unsupportedVersion(path, version))
        }
        guard try root.member("format").string() == Cassette.formatName else {
            throw try root.member("format").invalid(CassetteMessages.expectedFormatName)
        }
        let startText = try root.member("start").string()
        guard let start = CassetteTime.parse(startText) else {
            throw try root.member("start").invalid(CassetteMessages.expectedTimestamp)
        }
        let seed = try root.optionalMember("seed").map { (reader) throws(CassetteError) -> UInt64 in
            let value = try reader.int()
            guard value >= 0 else { throw reader.invalid(CassetteMessages.expectedSeed) }
            return UInt64(value)
        }
        let redactions = try root.optionalMember("redactions")?.array().map(Self.redaction) ?? []
        let deliveries = try root.optionalMember("deliveries")?.array().map(\.value) ?? []
        let interactions = try root.member("interactions").array().map(Self.interaction)
        self.init(start: start, interactions: interactions, redactions: redactions, seed: seed, deliveries: deliveries, version: version)
    }

    static func redaction(_ reader: CassetteReader) throws(CassetteError) -> Redaction {
        let kindName = try reader.member("kind").string()
        guard let kind = Redaction.Kind(rawValue: kindName) else {
            throw try reader.member("kind").invalid(CassetteMessages.unknownRedactionKind(kindName))
        }
        let places = try reader.member("places").array().map { (place) throws(CassetteError) in try place.string() }
        return Redaction(kind: kind, name: try reader.member("name").string(), places: places)
    }

    static func interaction(_ reader: CassetteReader) throws(CassetteError) -> Interaction {
        let offset = try reader.member("offset").double()
        let request = try Self.request(reader.member("request"))
        if let response = reader.optionalMember("response") {
            return Interaction(request: request, outcome: .response(try Self.response(response)), offset: offset)
        }
        guard let failure = reader.optionalMember("failure") else {
            throw reader.invalid(CassetteMessages.missingOutcome)
        }
        let kindName = try failure.member("kind").string()
        guard let kind = HTTPTransportError.Kind(rawValue: kindName) else {
            throw try failure.member("kind").invalid(CassetteMessages.unknownFailureKind(kindName))
        }
        let error = HTTPTransportError(kind, try failure.member("message").string())
        return Interaction(request: request, outcome: .failure(error), offset: offset)
    }

    static func request(_ reader: CassetteReader) throws(CassetteError) -> RecordedRequest {
        RecordedRequest(
            method: HTTPMethod(rawValue: try reader.member("method").string()),
            url: try reader.member("url").string(),
            headers: try headers(reader),
            body: try body(reader)
        )
    }

    static func response(_ reader: CassetteReader) throws(CassetteError) -> RecordedResponse {
        RecordedResponse(status: try reader.member("status").int(), headers: try headers(reader), body: try body(reader))
    }

    static func headers(_ reader: CassetteReader) throws(CassetteError) -> HTTPHeaders {
        guard let members = reader.optionalMember("headers") else { return [:] }
        var headers = HTTPHeaders()
        for (name, member) in try members.object() {
            if member.value.arrayValue != nil {
                for value in try member.array() { headers.add(name, try value.string()) }
            } else {
                headers.add(name, try member.string())
            }
        }
        return headers
    }

    static func body(_ reader: CassetteReader) throws(CassetteError) -> RecordedBody {
        let present = ["json", "text", "base64"].filter { reader.optionalMember($0) != nil }
        guard present.count <= 1 else { throw reader.invalid(CassetteMessages.severalBodies) }
        if let json = reader.optionalMember("json") { return .json(json.value) }
        if let text = reader.optionalMember("text") { return .text(try text.string()) }
        guard let base64 = reader.optionalMember("base64") else { return .empty }
        guard let data = Data(base64Encoded: try base64.string()) else { throw base64.invalid(CassetteMessages.invalidBase64) }
        return .binary([UInt8](data))
    }
}

/// Reads a cassette's JSON with the JSON Pointer of each value at hand for messages.
struct CassetteReader {
    let path: String
    let pointer: String
    let value: JSONValue

    func member(_ key: String) throws(CassetteError) -> CassetteReader {
        guard let reader = optionalMember(key) else { throw invalid(CassetteMessages.missingMember(key)) }
        return reader
    }

    func optionalMember(_ key: String) -> CassetteReader? {
        guard let member = value[key] else { return nil }
        return CassetteReader(path: path, pointer: pointer + "/" + key, value: member)
    }

    func string() throws(CassetteError) -> String {
        guard let string = value.stringValue else { throw invalid(CassetteMessages.expected("a string")) }
        return string
    }

    func int() throws(CassetteError) -> Int {
        guard let integer = value.intValue else { throw invalid(CassetteMessages.expected("an integer")) }
        return integer
    }

    func double() throws(CassetteError) -> Double {
        guard let number = value.doubleValue, number >= 0 else { throw invalid(CassetteMessages.expected("a number of seconds")) }
        return number
    }

    func array() throws(CassetteError) -> [CassetteReader] {
        guard let array = value.arrayValue else { throw invalid(CassetteMessages.expected("an array")) }
        return array.enumerated().map { CassetteReader(path: path, pointer: pointer + "/\($0.offset)", value: $0.element) }
    }

    func object() throws(CassetteError) -> [(String, CassetteReader)] {
        guard let object = value.objectValue else { throw invalid(CassetteMessages.expected("an object")) }
        return object.map { ($0.key, CassetteReader(path: path, pointer: pointer + "/" + $0.key, value: $0.value)) }
    }

    func invalid(_ reason: String) -> CassetteError {
        CassetteError(.invalid, CassetteMessages.invalid(path, "\(pointer.isEmpty ? "/" : pointer): \(reason)"))
    }
}

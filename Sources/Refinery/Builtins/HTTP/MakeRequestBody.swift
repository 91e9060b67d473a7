import Foundation
import RefineryHTTP
import RefineryJSON

/// The body `http:MakeRequest` sends, from `contentType` and `inputMethod`:
///
/// | `contentType` | `inputMethod` | body from |
/// |---|---|---|
/// | missing, `""`, `empty` | | no body |
/// | `json` | `jsonString` (default) | `jsonStringBodyContent`, sent as written |
/// | `json` | `dataStructure` | `dataStructureBodyContent`, any value, serialised as JSON |
/// | `x-www-form-urlencoded` | | `formBodyContent`, `[{name, value}]` |
/// | a MIME type (`text/plain`, `application/xml`...) | | `bodyContent`, as text |
///
/// `multipart/form-data` is not supported.
enum MakeRequestBody: Sendable, Hashable {
    case none
    case content(type: String, bytes: [UInt8])

    static let contentTypes = ["json", "x-www-form-urlencoded", "<a MIME type, e.g. text/plain>", "empty"]
    static let inputMethods = ["jsonString", "dataStructure"]

    init(_ input: JSONObject) throws(ModuleError) {
        let type = input["contentType"].flatMap(MakeRequestInput.text)?.trimmingCharacters(in: .whitespaces) ?? ""
        switch type.lowercased() {
        case "", "empty", "none":
            self = .none
        case "json", "application/json":
            self = .content(type: "application/json", bytes: try Self.json(input))
        case "x-www-form-urlencoded", "application/x-www-form-urlencoded":
            let fields = try MakeRequestInput.pairs(input["formBodyContent"], key: "formBodyContent")
            self = .content(type: "application/x-www-form-urlencoded", bytes: Array(FormURLEncoding.encode(fields.map { ($0.name, $0.value) }).utf8))
        case let lowered where lowered.hasPrefix("multipart/") || lowered == "multipart":
            throw ModuleError(.invalidConfiguration, code: "http.unsupported", message: MakeRequestMessages.unsupported("a multipart/form-data body"),
                              module: MakeRequestMessages.module)
        case let lowered where lowered.contains("/"):
            self = .content(type: type, bytes: Array(Self.text(input["bodyContent"]).utf8))
        default:
            throw MakeRequestInput.invalid("contentType", MakeRequestMessages.unknownChoice("contentType", type, choices: Self.contentTypes))
        }
    }

    private static func json(_ input: JSONObject) throws(ModuleError) -> [UInt8] {
        let method = input["inputMethod"].flatMap(MakeRequestInput.text) ?? ""
        switch method {
        case "", "jsonString":
            return Array(text(input["jsonStringBodyContent"]).utf8)
        case "dataStructure":
            let value = input["dataStructureBodyContent"] ?? .null
            if case .string(let text) = value { return Array(text.utf8) }
            return value.serializedBytes()
        default:
            throw MakeRequestInput.invalid("inputMethod", MakeRequestMessages.unknownChoice("inputMethod", method, choices: inputMethods))
        }
    }

    private static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return MakeRequestInput.text(value) ?? value.serialized()
    }
}

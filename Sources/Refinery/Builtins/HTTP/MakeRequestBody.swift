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
/// | `multipart`, `multipart/form-data` | | `multipartBodyContent`, `[{name, multipartFieldType: text, value}]` and `[{name, multipartFieldType: file, data, fileName}]` |
/// | a MIME type (`text/plain`, `application/xml`...) | | `bodyContent`, as text |
enum MakeRequestBody: Sendable, Hashable {
    case none
    case content(type: String, bytes: [UInt8])

    static let contentTypes = ["json", "x-www-form-urlencoded", "multipart", "<a MIME type, e.g. text/plain>", "empty"]
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
        case "multipart", "multipart/form-data":
            let form = MultipartFormData(try Self.parts(input["multipartBodyContent"]))
            self = .content(type: form.contentType, bytes: form.bytes)
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

    /// Make's multipart fields: a text field's `value`, a file's `data` (text, sent as its UTF-8 bytes) and
    /// `fileName`; rows without a name are left out.
    private static func parts(_ value: JSONValue?) throws(ModuleError) -> [MultipartFormData.Part] {
        let key = "multipartBodyContent"
        guard let value, !value.isNull, value != .string("") else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.objectValue != nil }) else {
            throw MakeRequestInput.invalid(key, MakeRequestMessages.invalidValue(key, expected: "an array of {name, multipartFieldType, value or data}"))
        }
        var parts: [MultipartFormData.Part] = []
        for item in items {
            guard let name = item["name"].flatMap(MakeRequestInput.text), !name.isEmpty else { continue }
            switch item["multipartFieldType"].flatMap(MakeRequestInput.text) ?? "text" {
            case "", "text":
                parts.append(.text(name: name, value: text(item["value"])))
            case "file":
                let fileName = item["fileName"].flatMap(MakeRequestInput.text) ?? ""
                parts.append(.file(name: name, fileName: fileName.isEmpty ? name : fileName, contentType: "application/octet-stream",
                                   bytes: Array(text(item["data"]).utf8)))
            case let other:
                throw MakeRequestInput.invalid(key, MakeRequestMessages.unknownChoice("multipartFieldType", other, choices: ["text", "file"]))
            }
        }
        return parts
    }

    private static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return MakeRequestInput.text(value) ?? value.serialized()
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON

/// Turns evaluated `qs` and `body` values into bytes: JSON, urlencoded with bracket keys
/// (`a[b]=1&c[]=2`), multipart/form-data, or text. Null members are left out, as Make leaves out
/// unmapped (undefined) values.
enum BodyEncoding {
    /// Query pairs from a `qs` object, with bracket keys for nested values.
    static func pairs(_ value: JSONValue) -> [(String, String)] {
        guard case .object(let object) = value else { return [] }
        var pairs: [(String, String)] = []
        for (key, member) in object { flatten(member, name: key, into: &pairs) }
        return pairs
    }

    static func flatten(_ value: JSONValue, name: String, into pairs: inout [(String, String)]) {
        switch value {
        case .null: return
        case .array(let items): for item in items { flatten(item, name: name + "[]", into: &pairs) }
        case .object(let object): for (key, member) in object { flatten(member, name: "\(name)[\(key)]", into: &pairs) }
        case .string(let text): pairs.append((name, text))
        case .bool(let flag): pairs.append((name, flag ? "true" : "false"))
        default: pairs.append((name, value.serialized()))
        }
    }

    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(object.compactMap { $0.value.isNull ? nil : ($0.key, withoutNulls($0.value)) }))
        case .array(let items): .array(items.map(withoutNulls))
        default: value
        }
    }

    /// The body bytes and the Content-Type they need (nil when the caller's headers decide).
    static func encode(_ body: JSONValue, as type: RequestSpec.BodyType) -> (bytes: [UInt8], contentType: String?) {
        switch type {
        case .json:
            return (withoutNulls(body).serializedBytes(), "application/json")
        case .urlencoded:
            return (Array(FormURLEncoding.encode(pairs(body)).utf8), "application/x-www-form-urlencoded")
        case .multipart:
            return multipart(body)
        case .text, .string, .raw:
            let text = body.stringValue ?? body.serialized()
            return (Array(text.utf8), nil)
        }
    }

    /// Each field as a text part (names and values quoted as RFC 7578 asks; the boundary never occurs in them).
    static func multipart(_ body: JSONValue) -> (bytes: [UInt8], contentType: String?) {
        let form = MultipartFormData(pairs(body).map { .text(name: $0.0, value: $0.1) })
        return (form.bytes, form.contentType)
    }
}

import Foundation
import RefineryHTTP
import RefineryJSON

/// A request's parameters, from the query string, a JSON body or a urlencoded body (bracket keys:
/// `form_uuids[]=a`, `account[id]=7`), merged: body values win over query values of the same name.
struct SandboxParameters: Sendable {
    var values: JSONObject

    init(_ values: JSONObject = [:]) {
        self.values = values
    }

    init(request: HTTPRequest) throws(SandboxError) {
        var values = Self.decodeForm(request.queryItems)
        if !request.body.isEmpty {
            let type = request.headers["Content-Type"]?.lowercased() ?? ""
            let body: JSONObject
            if type.contains("application/x-www-form-urlencoded") {
                body = Self.decodeForm(FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self)))
            } else {
                guard let parsed = try? JSONValue(parsing: request.body) else {
                    throw .validation("The request body is not valid JSON (send JSON or application/x-www-form-urlencoded)")
                }
                guard let object = parsed.objectValue else { throw .validation("The request body must be a JSON object") }
                body = object
            }
            for (key, value) in body { values[key] = value }
        }
        self.values = values
    }

    subscript(name: String) -> JSONValue? {
        values[name]
    }

    func has(_ name: String) -> Bool {
        guard let value = values[name] else { return false }
        return !value.isNull && value != ""
    }

    /// A scalar as text; nil when missing, null or empty.
    func string(_ name: String) throws(SandboxError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .int, .double, .bool: return value.serialized()
        default: throw .validation("The \(name) field must be a string")
        }
    }

    func requiredString(_ name: String) throws(SandboxError) -> String {
        guard let value = try string(name) else { throw .validation("The \(name) field is required") }
        return value
    }

    /// `1/0/true/false` (any case) or a JSON boolean.
    func bool(_ name: String, default fallback: Bool) throws(SandboxError) -> Bool {
        guard let value = values[name], !value.isNull else { return fallback }
        switch value {
        case .bool(let flag): return flag
        case .int(0): return false
        case .int(1): return true
        case .string(let text):
            switch text.lowercased() {
            case "1", "true": return true
            case "0", "false": return false
            case "": return fallback
            default: break
            }
        default: break
        }
        throw .validation("The \(name) field must be true or false (1 or 0)")
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(SandboxError) -> Int? {
        guard let value = values[name], !value.isNull, value != "" else { return nil }
        let number = value.intValue ?? value.stringValue.flatMap { Int($0) }
        guard let number else { throw .validation("The \(name) field must be an integer") }
        guard range.contains(number) else {
            throw .validation("The \(name) field must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// `x[]=a&x[]=b`, a JSON array, or one comma-separated string.
    func stringList(_ name: String) throws(SandboxError) -> [String] {
        guard let value = values[name], !value.isNull else { return [] }
        switch value {
        case .array(let items):
            return try items.map { item throws(SandboxError) in
                guard let text = item.stringValue ?? (item.intValue.map { String($0) }) else {
                    throw .validation("The \(name) field must be a list of strings")
                }
                return text
            }
        case .string(let text):
            return text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        default:
            throw .validation("The \(name) field must be a list of strings")
        }
    }

    func object(_ name: String) throws(SandboxError) -> JSONObject? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw .validation("The \(name) field must be an object") }
        return object
    }

    /// PHP-style bracket keys into nested values: `a[]` appends, `a[b]` sets a member.
    static func decodeForm(_ pairs: [(name: String, value: String)]) -> JSONObject {
        var root = JSONValue.object([:])
        for (name, value) in pairs {
            let path = bracketPath(name)
            guard let first = path.first, !first.isEmpty else { continue }
            root = inserting(.string(value), at: path[...], into: root)
        }
        return root.objectValue ?? [:]
    }

    static func bracketPath(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return [name] }
        var path = [String(name[..<open])]
        let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
        path += inner.components(separatedBy: "][")
        return path
    }

    static func inserting(_ value: JSONValue, at path: ArraySlice<String>, into container: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        let rest = path.dropFirst()
        if key.isEmpty {
            var array = container.arrayValue ?? []
            array.append(inserting(value, at: rest, into: .null))
            return .array(array)
        }
        var object = container.objectValue ?? [:]
        object[key] = inserting(value, at: rest, into: object[key] ?? .null)
        return .object(object)
    }
}

extension String {
    var trimmed: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

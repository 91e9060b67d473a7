package import RefineryJSON
import Foundation

/// A JSON Schema (2020-12) validator for the keywords the `schemas/*.schema.json` files use: `type`
/// (one or a list), `properties`, `required`, `additionalProperties` (false or a schema), `items`,
/// `minItems`, `enum`, `const`, `minimum`, `maximum`, `pattern`, `$ref` (local `#/...` pointers), `$defs`,
/// `oneOf`, `anyOf`; annotations are ignored. Any other keyword is reported as a problem of the schema,
/// so a schema cannot quietly rely on a check this validator does not make.
package struct SchemaValidator: Sendable {
    package let schema: JSONValue

    static let checked: Set = [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const",
        "minimum", "maximum", "pattern", "$ref", "oneOf", "anyOf",
    ]
    static let annotations: Set = ["$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "format"]

    package init(schema: JSONValue) {
        self.schema = schema
    }

    /// Every problem of `instance`, as `pointer: message`; empty when it validates.
    package func problems(_ instance: JSONValue) -> [String] {
        var problems: [String] = []
        check(instance, against: schema, at: .root, into: &problems)
        return problems
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at pointer: JSONPointer, into problems: inout [String]) {
        if let allowed = schema.boolValue {
            if !allowed { problems.append("\(Self.place(pointer)): not allowed here") }
            return
        }
        guard let keywords = schema.objectValue else {
            problems.append("\(Self.place(pointer)): the schema is neither an object nor a boolean")
            return
        }
        for (keyword, argument) in keywords {
            if Self.annotations.contains(keyword) { continue }
            guard Self.checked.contains(keyword) else {
                problems.append("\(Self.place(pointer)): unsupported schema keyword '\(keyword)'")
                continue
            }
            apply(keyword, argument, in: keywords, to: value, at: pointer, into: &problems)
        }
    }

    private func apply(
        _ keyword: String, _ argument: JSONValue, in keywords: JSONObject, to value: JSONValue, at pointer: JSONPointer,
        into problems: inout [String]
    ) {
        switch keyword {
        case "type":
            let names = argument.arrayValue?.compactMap(\.stringValue) ?? [argument.stringValue ?? ""]
            if !names.contains(where: { Self.matches(value, type: $0) }) {
                problems.append("\(Self.place(pointer)): expected \(names.joined(separator: " or ")), found \(value.typeName)")
            }
        case "properties", "additionalProperties", "required":
            checkObject(keyword, argument, in: keywords, value, at: pointer, into: &problems)
        case "items":
            for (index, item) in (value.arrayValue ?? []).enumerated() {
                check(item, against: argument, at: pointer.appending(index), into: &problems)
            }
        case "minItems":
            if let items = value.arrayValue, let minimum = argument.intValue, items.count < minimum {
                problems.append("\(Self.place(pointer)): \(items.count) items, at least \(minimum) required")
            }
        case "enum":
            if !(argument.arrayValue ?? []).contains(where: { Self.equal($0, value) }) {
                problems.append("\(Self.place(pointer)): \(value.serialized()) is not one of \(argument.serialized())")
            }
        case "const":
            if !Self.equal(argument, value) { problems.append("\(Self.place(pointer)): expected \(argument.serialized())") }
        case "minimum", "maximum":
            checkBound(keyword, argument, value, at: pointer, into: &problems)
        case "pattern":
            if let text = value.stringValue, let pattern = argument.stringValue,
               text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(Self.place(pointer)): '\(text)' does not match \(pattern)")
            }
        case "$ref":
            guard let reference = argument.stringValue, reference.hasPrefix("#"),
                  let target = JSONPointer(String(reference.dropFirst()))?.resolve(in: schema) else {
                problems.append("\(Self.place(pointer)): unresolvable $ref \(argument.serialized())")
                return
            }
            check(value, against: target, at: pointer, into: &problems)
        default:
            checkCombination(keyword, argument, value, at: pointer, into: &problems)
        }
    }

    private func checkObject(
        _ keyword: String, _ argument: JSONValue, in keywords: JSONObject, _ value: JSONValue, at pointer: JSONPointer,
        into problems: inout [String]
    ) {
        guard let object = value.objectValue else { return }
        let properties = keywords["properties"]?.objectValue ?? [:]
        switch keyword {
        case "properties":
            for (key, member) in object {
                if let property = properties[key] { check(member, against: property, at: pointer.appending(key), into: &problems) }
            }
        case "additionalProperties":
            for (key, member) in object where properties[key] == nil {
                check(member, against: argument, at: pointer.appending(key), into: &problems)
            }
        default:
            for key in (argument.arrayValue ?? []).compactMap(\.stringValue) where object[key] == nil {
                problems.append("\(Self.place(pointer)): missing required '\(key)'")
            }
        }
    }

    private func checkBound(_ keyword: String, _ argument: JSONValue, _ value: JSONValue, at pointer: JSONPointer, into problems: inout [String]) {
        guard let number = value.doubleValue, let bound = argument.doubleValue else { return }
        let outside = keyword == "minimum" ? number < bound : number > bound
        if outside { problems.append("\(Self.place(pointer)): \(value.serialized()) is \(keyword == "minimum" ? "under" : "over") \(argument.serialized())") }
    }

    private func checkCombination(_ keyword: String, _ argument: JSONValue, _ value: JSONValue, at pointer: JSONPointer, into problems: inout [String]) {
        let branches = argument.arrayValue ?? []
        let passing = branches.filter { branch in
            var branchProblems: [String] = []
            check(value, against: branch, at: pointer, into: &branchProblems)
            return branchProblems.isEmpty
        }.count
        if keyword == "anyOf", passing == 0 { problems.append("\(Self.place(pointer)): matches none of anyOf") }
        if keyword == "oneOf", passing != 1 { problems.append("\(Self.place(pointer)): matches \(passing) of oneOf, exactly 1 required") }
    }

    /// `/` for the root, else the pointer.
    static func place(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "/" : pointer.description
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .int), ("number", .double): return true
        case ("integer", _): return value.intValue != nil
        default: return false
        }
    }

    /// JSON equality, numbers compared by value (`1` equals `1.0`).
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue { return left == right }
        return lhs == rhs
    }
}

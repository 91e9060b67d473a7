import Foundation
import RefineryJSON

/// One object of the state file, read strictly: every field the writer writes must be there with its
/// type, so a file damaged in its shape is refused like one damaged in its syntax, never read as a fresh
/// start (which would process every trigger item again). Problems name the field by its path.
struct StateFields {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, at path: String) throws(StateFormatError) {
        guard let object = value.objectValue else { throw .wrongType(path, expected: "an object", found: value) }
        self.object = object
        self.path = path
    }

    func value(_ key: String) throws(StateFormatError) -> JSONValue {
        guard let value = object[key] else { throw StateFormatError(reason: "\(path(key)) is missing") }
        return value
    }

    /// The field read by `read`, which gives nil for a value of another type than `expected`.
    private func typed<T>(_ key: String, _ expected: String, _ read: (JSONValue) -> T?) throws(StateFormatError) -> T {
        let value = try value(key)
        guard let typed = read(value) else { throw .wrongType(path(key), expected: expected, found: value) }
        return typed
    }

    func int(_ key: String) throws(StateFormatError) -> Int { try typed(key, "an integer", \.intValue) }

    func double(_ key: String) throws(StateFormatError) -> Double { try typed(key, "a number", \.doubleValue) }

    func date(_ key: String) throws(StateFormatError) -> Date {
        Date(timeIntervalSince1970: try double(key))
    }

    func string(_ key: String) throws(StateFormatError) -> String { try typed(key, "a string", \.stringValue) }

    func bool(_ key: String) throws(StateFormatError) -> Bool { try typed(key, "true or false", \.boolValue) }

    func array(_ key: String) throws(StateFormatError) -> [JSONValue] { try typed(key, "an array", \.arrayValue) }

    func fields(_ key: String) throws(StateFormatError) -> StateFields {
        try StateFields(value(key), at: path(key))
    }

    func strings(_ key: String) throws(StateFormatError) -> [String] {
        try array(key).enumerated().map { index, item throws(StateFormatError) -> String in
            guard let text = item.stringValue else { throw .wrongType("\(path(key))/\(index)", expected: "a string", found: item) }
            return text
        }
    }

    /// Each element of an array field, read as an object.
    func objects(_ key: String) throws(StateFormatError) -> [StateFields] {
        try array(key).enumerated().map { index, item throws(StateFormatError) in try StateFields(item, at: "\(path(key))/\(index)") }
    }

    /// The field when present and not null, read by `read`.
    func optional<T>(_ key: String, _ read: (String) throws(StateFormatError) -> T) throws(StateFormatError) -> T? {
        guard let value = object[key], !value.isNull else { return nil }
        return try read(key)
    }

    private func path(_ key: String) -> String { "\(path)/\(key)" }
}

struct StateFormatError: Error {
    var reason: String

    static func wrongType(_ path: String, expected: String, found: JSONValue) -> StateFormatError {
        StateFormatError(reason: "\(path.isEmpty ? "the file" : path) must be \(expected), not \(found.typeName)")
    }
}

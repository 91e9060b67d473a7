public import RefineryJSON

/// Reads a parsed app or module file, checking shapes and collecting every problem as a diagnostic with
/// `file#pointer:line:col`, instead of stopping at the first one.
public struct SpecReader {
    public let document: JSONDocument
    public private(set) var diagnostics: [Diagnostic] = []

    public init(document: JSONDocument) {
        self.document = document
        self.diagnostics = document.duplicateKeyDiagnostics
    }

    public mutating func report(_ code: String, _ message: String, at pointer: JSONPointer, atKey: Bool = false, notes: [String] = []) {
        diagnostics.append(document.diagnostic(code: code, message: message, at: pointer, atKey: atKey, notes: notes))
    }

    public mutating func append(_ problems: [Diagnostic]) {
        diagnostics += problems
    }

    /// The object at `pointer`, reporting a wrong type and every key not in `allowed` (with a suggestion).
    public mutating func object(_ value: JSONValue, at pointer: JSONPointer, allowed: [String], what: String) -> JSONObject? {
        guard case .object(let object) = value else {
            report("module.wrong-type", SpecMessages.wrongType(what, expected: "an object", found: value), at: pointer)
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            report("module.unknown-key", SpecMessages.unknownKey(key, in: what, suggestion: Suggestion.closest(to: key, in: allowed)),
                   at: pointer.appending(key), atKey: true)
        }
        return object
    }

    public mutating func string(_ object: JSONObject, _ key: String, at pointer: JSONPointer, required: Bool = false, what: String) -> String? {
        guard let value = object[key] else {
            if required { report("module.missing-field", SpecMessages.missing(key, in: what), at: pointer) }
            return nil
        }
        guard case .string(let text) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'\(key)'", expected: "a string", found: value), at: pointer.appending(key))
            return nil
        }
        return text
    }

    public mutating func bool(_ object: JSONObject, _ key: String, at pointer: JSONPointer) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'\(key)'", expected: "true or false", found: value), at: pointer.appending(key))
            return nil
        }
        return flag
    }

    public mutating func array(_ object: JSONObject, _ key: String, at pointer: JSONPointer) -> [JSONValue]? {
        guard let value = object[key] else { return nil }
        guard case .array(let items) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'\(key)'", expected: "an array", found: value), at: pointer.appending(key))
            return nil
        }
        return items
    }

    /// A string that must be one of `choices`.
    public mutating func choice(
        _ object: JSONObject, _ key: String, at pointer: JSONPointer, choices: [String], required: Bool = false, what: String,
        code: String = "module.invalid-value"
    ) -> String? {
        guard let text = string(object, key, at: pointer, required: required, what: what) else { return nil }
        guard choices.contains(text) else {
            report(code, SpecMessages.notOneOf(text, key: key, choices: choices, suggestion: Suggestion.closest(to: text, in: choices)),
                   at: pointer.appending(key))
            return nil
        }
        return text
    }
}

public import Foundation
public import RefineryJSON

/// A value of a module file that may hold `{{ }}` expressions, compiled once when its file loads, with
/// where it was written (for diagnostics).
///
/// This file is the only bridge between the interpreter and the expression language: until the IML
/// target lands it evaluates plain paths (`{{body.items}}`, `{{parameters.limit}}`), which is all the
/// interpreter's own tests need.
public struct TemplateSlot: Sendable {
    public let source: JSONValue
    public let pointer: JSONPointer

    public init(_ source: JSONValue, at pointer: JSONPointer) {
        self.source = source
        self.pointer = pointer
    }

    /// Compiles `value`; problems are reported through `reader` with the expression's column.
    static func compile(_ value: JSONValue, at pointer: JSONPointer, reader: inout SpecReader) -> TemplateSlot {
        TemplateSlot(value, at: pointer)
    }

    /// Whether the value holds no expression at all (a constant).
    public var isConstant: Bool { !Self.containsExpression(source) }

    /// Evaluates against `scope`; an expression error is a `RuntimeError` naming the pointer.
    public func evaluate(in scope: TemplateScope) throws(ModuleError) -> JSONValue {
        Self.evaluate(source, scope.values)
    }

    static func containsExpression(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text.contains("{{")
        case .array(let items): items.contains(where: containsExpression)
        case .object(let object): object.values.contains(where: containsExpression)
        default: false
        }
    }

    static func evaluate(_ value: JSONValue, _ scope: JSONObject) -> JSONValue {
        switch value {
        case .string(let text): interpolate(text, scope)
        case .array(let items): .array(items.map { evaluate($0, scope) })
        case .object(let object): .object(JSONObject(object.map { ($0.key, evaluate($0.value, scope)) }))
        default: value
        }
    }

    static func interpolate(_ text: String, _ scope: JSONObject) -> JSONValue {
        guard text.contains("{{") else { return .string(text) }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = lookup(path, scope)
            if open.lowerBound == text.startIndex, close.upperBound == text.endIndex { return value }
            output += rest[..<open.lowerBound]
            output += stringify(value)
            rest = rest[close.upperBound...]
        }
        return .string(output + rest)
    }

    static func lookup(_ path: String, _ scope: JSONObject) -> JSONValue {
        var current = JSONValue.object(scope)
        for part in path.split(separator: ".") {
            guard let next = current[String(part)] else { return .null }
            current = next
        }
        return current
    }

    static func stringify(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.serialized()
        }
    }
}

/// The names an expression can see: `parameters`, `connection`, `temp`, `body`, `headers`,
/// `statusCode`, `item`, `pagination`, `iterate`, `output`, `data`, plus the time it runs at.
public struct TemplateScope: Sendable {
    public var values: JSONObject
    public var now: Date
    public var timeZone: TimeZone

    public init(values: JSONObject, now: Date, timeZone: TimeZone) {
        self.values = values
        self.now = now
        self.timeZone = timeZone
    }

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

public import Foundation
import IML
public import RefineryJSON

/// A value of a module file that may hold `{{ }}` expressions, compiled once when its file loads (an
/// IML `TemplateTree`), with where it was written for diagnostics. This file is the only bridge between
/// the interpreter and the expression language.
public struct TemplateSlot: Sendable {
    public let source: JSONValue
    public let pointer: JSONPointer
    /// Nil only when compiling failed, which the load reported: such an app is never run.
    let tree: TemplateTree?
    /// The module file, so a run-time error names its line and column.
    let document: JSONDocument?

    init(_ source: JSONValue, at pointer: JSONPointer, tree: TemplateTree?, document: JSONDocument? = nil) {
        self.source = source
        self.pointer = pointer
        self.tree = tree
        self.document = document
    }

    /// Compiles `value`; every expression error is reported through `reader` with its pointer and column.
    static func compile(_ value: JSONValue, at pointer: JSONPointer, reader: inout SpecReader) -> TemplateSlot {
        do {
            let tree = try TemplateTree(value, at: pointer)
            for root in tree.referencedRoots where !knownRoots.contains(root) {
                reader.report("module.unknown-variable",
                              "unknown variable '\(root)'\(SpecMessages.didYouMean(Suggestion.closest(to: root, in: knownRoots)))", at: pointer)
            }
            return TemplateSlot(value, at: pointer, tree: tree, document: reader.document)
        } catch {
            reader.append(error.diagnostics(in: reader.document))
            return TemplateSlot(value, at: pointer, tree: nil)
        }
    }

    /// The names expressions in app and module files may start with (make-format.md §2.4).
    static let knownRoots = [
        "parameters", "connection", "temp", "body", "headers", "statusCode", "item", "pagination", "iterate", "output",
        "data", "trigger", "payload", "webhook", "common", "environment", "scenario", "metadata", "query", "oauth",
        "now", "timestamp", "uuid", "random", "pi", "executionId",
    ]

    /// Whether the value holds no expression at all (a constant).
    public var isConstant: Bool { tree?.isPlain ?? true }

    /// The top-level names its expressions read (`parameters`, `body`...).
    public var referencedRoots: [String] { tree?.referencedRoots ?? [] }

    /// Evaluates against `scope`; an expression that fails is a `RuntimeError` naming where it is written
    /// (`modules/refiner/listContacts.json#/communication/qs/limit:12:30: ...`).
    public func evaluate(in scope: TemplateScope) throws(ModuleError) -> JSONValue {
        guard let tree else { return source }
        do {
            return try tree.evaluate(in: EvaluationContext(scope: scope.values, now: scope.now, timeZone: scope.timeZone))
        } catch {
            let place = document.map(error.located(in:)) ?? "\(error.pointer ?? pointer): \(error.message) [\(error.code)]"
            throw ModuleError(.runtime, code: error.code, message: "an expression failed: \(place)")
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

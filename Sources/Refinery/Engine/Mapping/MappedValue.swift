public import Foundation
public import RefineryJSON

/// A blueprint value whose strings may hold `{{ }}` expressions (a mapper, a filter operand, a
/// directive's settings), compiled once when the scenario loads and evaluated per bundle.
public struct MappedValue: Sendable, Hashable {
    indirect enum Node: Sendable, Hashable {
        case literal(JSONValue)
        case template(TemplateString)
        case array([Node])
        case object([(String, Node)])

        static func == (lhs: Node, rhs: Node) -> Bool {
            switch (lhs, rhs) {
            case (.literal(let a), .literal(let b)): a == b
            case (.template(let a), .template(let b)): a == b
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            default: false
            }
        }

        func hash(into hasher: inout Hasher) {
            switch self {
            case .literal(let value): hasher.combine(value)
            case .template(let template): hasher.combine(template)
            case .array(let items): hasher.combine(items)
            case .object(let members): for (key, node) in members { hasher.combine(key); hasher.combine(node) }
            }
        }
    }

    let node: Node
    /// The first path segments the expressions refer to, e.g. ["1", "now"].
    public let referencedRoots: Set<String>

    /// Compiles every string under `value`. Problems are collected with the pointer (below `pointer`) and
    /// column of the faulty expression.
    static func compile(_ value: JSONValue, at pointer: JSONPointer, problems: inout [TemplateProblem]) -> MappedValue {
        var roots = Set<String>()
        let node = compileNode(value, at: pointer, roots: &roots, problems: &problems)
        return MappedValue(node: node, referencedRoots: roots)
    }

    /// A constant value (no expressions).
    public init(constant value: JSONValue) {
        self.node = .literal(value)
        self.referencedRoots = []
    }

    private init(node: Node, referencedRoots: Set<String>) {
        self.node = node
        self.referencedRoots = referencedRoots
    }

    private static func compileNode(
        _ value: JSONValue, at pointer: JSONPointer, roots: inout Set<String>, problems: inout [TemplateProblem]
    ) -> Node {
        switch value {
        case .string(let text) where text.contains("{{"):
            do throws(TemplateProblem) {
                let template = try TemplateString(text)
                roots.formUnion(template.referencedRoots)
                return .template(template)
            } catch {
                var located = error
                located.pointer = pointer
                problems.append(located)
                return .literal(value)
            }
        case .array(let items):
            let nodes = items.enumerated().map { compileNode($1, at: pointer.appending($0), roots: &roots, problems: &problems) }
            return nodes.allSatisfy(\.isLiteral) ? .literal(value) : .array(nodes)
        case .object(let object):
            let members = object.map { ($0.key, compileNode($0.value, at: pointer.appending($0.key), roots: &roots, problems: &problems)) }
            return members.allSatisfy(\.1.isLiteral) ? .literal(value) : .object(members)
        default:
            return .literal(value)
        }
    }

    /// The value for one bundle: `scope` maps module ids ("1") to the bundles on the current path.
    public func evaluate(in scope: JSONObject, environment: MappingEnvironment) throws(TemplateProblem) -> JSONValue {
        try Self.evaluate(node, scope: scope, environment: environment)
    }

    private static func evaluate(_ node: Node, scope: JSONObject, environment: MappingEnvironment) throws(TemplateProblem) -> JSONValue {
        switch node {
        case .literal(let value): return value
        case .template(let template): return try template.evaluate(scope: scope, environment: environment)
        case .array(let nodes):
            var items: [JSONValue] = []
            items.reserveCapacity(nodes.count)
            for item in nodes { items.append(try evaluate(item, scope: scope, environment: environment)) }
            return .array(items)
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for (key, item) in members { object.appendUnchecked(key, try evaluate(item, scope: scope, environment: environment)) }
            return .object(object)
        }
    }
}

extension MappedValue.Node {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}

/// What expressions see besides the bundles: the run's time and time zone.
public struct MappingEnvironment: Sendable {
    public var now: Date
    public var timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) {
        self.now = now
        self.timeZone = timeZone
    }
}

/// An expression that does not compile or fails to evaluate.
public struct TemplateProblem: Error, Sendable, Hashable {
    /// A stable diagnostic code (IML's, e.g. `iml.unknown-function`).
    public var code: String
    public var message: String
    /// 0-based character offset of the problem inside the string.
    public var offset: Int
    /// Where the string is in the blueprint (set by the compiler).
    public var pointer: JSONPointer?

    public init(code: String, message: String, offset: Int = 0, pointer: JSONPointer? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.pointer = pointer
    }
}

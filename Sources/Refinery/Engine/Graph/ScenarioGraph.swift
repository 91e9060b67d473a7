import RefineryJSON

/// A scenario as a picture: modules, the links between them (with their filters), router routes
/// (fallback dotted) and error routes (dashed, labelled "error"). Works on the decoded blueprint, so it
/// needs no installed modules.
public struct ScenarioGraph: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case mermaid, dot
    }

    struct Node: Hashable {
        var id: Int
        var module: String
        var isRouter: Bool
        var isDirective: Bool
    }

    struct Edge: Hashable {
        enum Style { case normal, fallback, error }
        var from: Int
        var to: Int
        var label: String?
        var style: Style
    }

    let name: String
    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []

    public init(_ blueprint: Blueprint) {
        name = blueprint.name
        add(blueprint.flow, after: nil, style: .normal)
    }

    /// Decodes `bytes` (no module validation) and builds the graph.
    public init(file: String, bytes: [UInt8]) throws(ScenarioLoadError) {
        self.init(try Blueprint.decode(file: file, bytes: bytes))
    }

    private mutating func add(_ flow: [BlueprintNode], after start: Int?, style: Edge.Style, firstLabel: String? = nil) {
        var previous = start
        var merging: [Int] = []
        for (index, node) in flow.enumerated() {
            nodes.append(Node(
                id: node.id, module: node.module, isRouter: [BuiltinModule.router, .ifElse].map(\.rawValue).contains(node.module),
                isDirective: ErrorDirective(rawValue: node.module) != nil
            ))
            let sources = node.module == BuiltinModule.merge.rawValue && !merging.isEmpty ? merging : previous.map { [$0] } ?? []
            for source in sources {
                let filter = node.filter.map(Self.describe)
                let label = index == 0 ? [firstLabel, filter].compactMap { $0 }.joined(separator: ": ") : filter
                edges.append(Edge(from: source, to: node.id, label: label?.isEmpty == true ? nil : label, style: index == 0 ? style : .normal))
            }
            for (number, route) in node.routes.enumerated() {
                add(route.flow, after: node.id, style: route.isFallback ? .fallback : .normal,
                    firstLabel: route.isFallback ? "fallback" : "route \(number + 1)")
            }
            merging = addBranches(of: node)
            if !node.onerror.isEmpty { add(node.onerror, after: node.id, style: .error, firstLabel: "error") }
            previous = node.id
        }
    }

    /// An if-else's branches (labelled, `else` dotted); returns the last module of each merging branch.
    private mutating func addBranches(of node: BlueprintNode) -> [Int] {
        node.branches.compactMap { branch in
            let label = branch.isElse ? "else" : branch.label.isEmpty ? "if" : branch.label
            add(branch.flow, after: node.id, style: branch.isElse ? .fallback : .normal, firstLabel: label)
            return branch.merges ? branch.flow.last?.id ?? node.id : nil
        }
    }

    /// A filter as its name, or its conditions (`a op b`, AND as "and", OR groups as "or").
    static func describe(_ filter: BlueprintFilter) -> String {
        if let name = filter.name, !name.isEmpty { return name }
        return filter.conditions.map { group in
            group.map { condition in
                [text(condition.a), condition.o, condition.b.map(text) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            }.joined(separator: " and ")
        }.joined(separator: " or ")
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized()
    }

    /// The graph as Mermaid (`flowchart LR`) or Graphviz DOT text.
    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: renderMermaid()
        case .dot: renderDot()
        }
    }
}

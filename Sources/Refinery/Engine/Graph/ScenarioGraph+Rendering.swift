import Foundation

extension ScenarioGraph {
    func renderMermaid() -> String {
        var lines = ["flowchart LR"]
        if !name.isEmpty { lines.insert("%% \(name)", at: 0) }
        for node in nodes {
            let label = Self.mermaidEscape("\(node.id) \(node.module)")
            let shape = node.isRouter ? "{\"\(label)\"}" : node.isDirective ? "([\"\(label)\"])" : "[\"\(label)\"]"
            lines.append("    m\(node.id)\(shape)")
        }
        for edge in edges {
            let arrow = switch edge.style {
            case .normal: "-->"
            case .fallback: "-.->"
            case .error: "-. error .->"
            }
            let label = edge.style == .error ? nil : edge.label
            let text = label.map { "|\"\(Self.mermaidEscape($0))\"|" } ?? ""
            lines.append("    m\(edge.from) \(arrow)\(text) m\(edge.to)")
        }
        let errorTargets = edges.filter { $0.style == .error }.map { "m\($0.to)" }
        if !errorTargets.isEmpty {
            lines.append("    classDef errorRoute stroke:#c33")
            lines.append("    class \(errorTargets.joined(separator: ",")) errorRoute")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func renderDot() -> String {
        var lines = ["digraph \"\(Self.dotEscape(name.isEmpty ? "scenario" : name))\" {", "    rankdir=LR;", "    node [shape=box];"]
        for node in nodes {
            let shape = node.isRouter ? " shape=diamond" : node.isDirective ? " shape=octagon" : ""
            lines.append("    m\(node.id) [label=\"\(node.id)\\n\(Self.dotEscape(node.module))\"\(shape)];")
        }
        for edge in edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\"\(Self.dotEscape(label))\"") }
            switch edge.style {
            case .normal: break
            case .fallback: attributes.append("style=dotted")
            case .error: attributes += ["style=dashed", "color=red"]
            }
            let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: " "))]"
            lines.append("    m\(edge.from) -> m\(edge.to)\(suffix);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func mermaidEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }

    static func dotEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

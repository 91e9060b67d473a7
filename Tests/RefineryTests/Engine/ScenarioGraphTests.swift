import Refinery
import Testing

@Suite struct ScenarioGraphTests {
    static let text = """
    {"name": "NPS \\"follow-up\\"", "flow": [
      {"id": 1, "module": "refiner:watchResponses"},
      {"id": 2, "module": "builtin:BasicRouter", "routes": [
        {"flow": [{"id": 3, "module": "refiner:tagResponse", "filter": {"name": "detractors", "conditions": []},
                   "onerror": [{"id": 5, "module": "refiner:trackEvent"}, {"id": 6, "module": "builtin:Ignore"}]}]},
        {"flow": [{"id": 4, "module": "refiner:trackEvent",
                   "filter": {"conditions": [[{"a": "{{1.score}}", "o": "number:greater", "b": "8"}]]}}]},
        {"flow": [{"id": 7, "module": "refiner:trackEvent"}], "fallback": true}]}]}
    """

    @Test func rendersMermaid() throws {
        let graph = try ScenarioGraph(file: "s.json", bytes: Array(Self.text.utf8))
        #expect(graph.render(.mermaid) == """
        %% NPS "follow-up"
        flowchart LR
            m1["1 refiner:watchResponses"]
            m2{"2 builtin:BasicRouter"}
            m3["3 refiner:tagResponse"]
            m5["5 refiner:trackEvent"]
            m6(["6 builtin:Ignore"])
            m4["4 refiner:trackEvent"]
            m7["7 refiner:trackEvent"]
            m1 --> m2
            m2 -->|"route 1: detractors"| m3
            m3 -. error .-> m5
            m5 --> m6
            m2 -->|"route 2: {{1.score}} number:greater 8"| m4
            m2 -.->|"fallback"| m7
            classDef errorRoute stroke:#c33
            class m5 errorRoute

        """)
    }

    @Test func rendersDot() throws {
        let graph = try ScenarioGraph(file: "s.json", bytes: Array(Self.text.utf8))
        let dot = graph.render(.dot)
        #expect(dot.hasPrefix("digraph \"NPS \\\"follow-up\\\"\" {\n    rankdir=LR;"))
        #expect(dot.contains("    m2 [label=\"2\\nbuiltin:BasicRouter\" shape=diamond];"))
        #expect(dot.contains("    m6 [label=\"6\\nbuiltin:Ignore\" shape=octagon];"))
        #expect(dot.contains("    m3 -> m5 [label=\"error\" style=dashed color=red];"))
        #expect(dot.contains("    m2 -> m7 [label=\"fallback\" style=dotted];"))
        #expect(dot.hasSuffix("}\n"))
    }

    @Test func reportsBrokenBlueprints() {
        #expect(throws: ScenarioLoadError.self) { _ = try ScenarioGraph(file: "s.json", bytes: Array("{\"flow\": 3}".utf8)) }
    }
}

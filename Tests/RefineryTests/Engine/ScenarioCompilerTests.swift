import Refinery
import RefineryJSON
import Testing

@Suite struct ScenarioCompilerTests {
    @Test func loadsAValidBlueprint() throws {
        let text = EngineFixtures.blueprint(flow: """
        [
          {"id": 1, "module": "refiner:watchResponses", "version": 1, "parameters": {"limit": 5, "__IMTCONN__": 12},
           "metadata": {"designer": {"x": 0}}},
          {"id": 2, "module": "builtin:BasicRouter", "routes": [
            {"flow": [{"id": 3, "module": "refiner:tagResponse", "mapper": {"responseUuid": "{{1.uuid}}"},
                       "filter": {"name": "low", "conditions": [[{"a": "{{1.score}}", "o": "number:lessorequal", "b": "6"}]]}}]},
            {"flow": [{"id": 4, "module": "refiner:trackEvent", "mapper": {"event": "x"}}], "fallback": true}
          ]}
        ]
        """, metadata: #"{"scenario": {"roundtrips": 3, "maxErrors": 5, "dlq": true}, "refinery": {"maxOperations": 50}}"#)
        let plan = try EngineFixtures.load(text)
        #expect(plan.flow.count == 2)
        #expect(plan.settings.roundtrips == 3)
        #expect(plan.settings.maxErrors == 5)
        #expect(plan.settings.dlq)
        #expect(plan.limits.maxOperations == 50)
        #expect(plan.limits.requestsPerMinute["refiner"] == 4000)
        #expect(plan.pollingTrigger?.id == 1)
        #expect(plan.allNodes.map(\.id) == [1, 2, 3, 4])
        guard case .router(let routes) = plan.node(2)?.kind else {
            Issue.record("module 2 is not a router")
            return
        }
        #expect(routes.map(\.isFallback) == [false, true])
        #expect(plan.node(3)?.filter?.groups.first?.first?.op.name == "number:lessorequal")
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let flow: String
        let code: String
        let pointer: String
        var message: String? = nil
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "duplicate id", flow: #"[{"id": 1, "module": "refiner:trackEvent"}, {"id": 1, "module": "refiner:trackEvent"}]"#,
             code: "scenario.duplicate-id", pointer: "/flow/1/id"),
        Case(name: "unknown module", flow: #"[{"id": 1, "module": "refiner:tagRespons"}]"#,
             code: "scenario.unknown-module", pointer: "/flow/0/module", message: "did you mean 'refiner:tagResponse'?"),
        Case(name: "unknown builtin", flow: #"[{"id": 1, "module": "builtin:BasicRoutr", "routes": []}]"#,
             code: "scenario.unknown-module", pointer: "/flow/0/module", message: "'builtin:BasicRouter'"),
        Case(name: "unexpected field", flow: #"[{"id": 1, "module": "refiner:tagResponse", "mapper": {"responseUuid": "x", "tag": "y"}}]"#,
             code: "scenario.unknown-field", pointer: "/flow/0/mapper/tag", message: "did you mean 'tags'?"),
        Case(name: "missing required field", flow: #"[{"id": 1, "module": "refiner:tagResponse", "mapper": {}}]"#,
             code: "scenario.missing-field", pointer: "/flow/0", message: "'responseUuid'"),
        Case(name: "reference to a later module", flow: #"[{"id": 1, "module": "refiner:trackEvent", "mapper": {"a": "{{2.x}}"}}, {"id": 2, "module": "refiner:trackEvent"}]"#,
             code: "scenario.unknown-reference", pointer: "/flow/0/mapper/a", message: "not earlier on the same path"),
        Case(name: "reference to another route", flow: """
             [{"id": 1, "module": "builtin:BasicRouter", "routes": [
               {"flow": [{"id": 2, "module": "refiner:trackEvent"}]},
               {"flow": [{"id": 3, "module": "refiner:trackEvent", "mapper": {"a": "{{2.x}}"}}]}]}]
             """, code: "scenario.unknown-reference", pointer: "/flow/0/routes/1/flow/0/mapper/a"),
        Case(name: "reference to a missing module", flow: #"[{"id": 1, "module": "refiner:trackEvent", "mapper": {"a": "{{9.x}}"}}]"#,
             code: "scenario.unknown-reference", pointer: "/flow/0/mapper/a", message: "no such module"),
        Case(name: "reference past an aggregator", flow: """
             [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 2]}},
              {"id": 2, "module": "refiner:trackEvent"},
              {"id": 3, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"v": "{{1.value}}"}},
              {"id": 4, "module": "refiner:trackEvent", "mapper": {"a": "{{2.x}}"}}]
             """, code: "scenario.unknown-reference", pointer: "/flow/3/mapper/a"),
        Case(name: "unknown operator", flow: #"[{"id": 1, "module": "refiner:trackEvent", "filter": {"conditions": [[{"a": "x", "o": "text:equals"}]]}}]"#,
             code: "scenario.unknown-operator", pointer: "/flow/0/filter/conditions/0/0/o", message: "did you mean 'text:equal'?"),
        Case(name: "invalid expression", flow: #"[{"id": 1, "module": "refiner:trackEvent", "mapper": {"a": "x {{lowr(1.email)}}"}}]"#,
             code: "iml.unknown-function", pointer: "/flow/0/mapper/a", message: "lowr"),
        Case(name: "invalid filter operand", flow: #"[{"id": 1, "module": "refiner:trackEvent", "filter": {"conditions": [[{"a": "{{1 +}}", "o": "exist"}]]}}]"#,
             code: "iml.", pointer: "/flow/0/filter/conditions/0/0/a"),
        Case(name: "feeder not upstream", flow: """
             [{"id": 1, "module": "refiner:trackEvent"},
              {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 3}, "mapper": {}},
              {"id": 3, "module": "builtin:BasicFeeder", "mapper": {"array": []}}]
             """, code: "scenario.invalid-feeder", pointer: "/flow/1/parameters/feeder"),
        Case(name: "directive outside an error route", flow: #"[{"id": 1, "module": "builtin:Ignore"}]"#,
             code: "scenario.misplaced-directive", pointer: "/flow/0/module"),
        Case(name: "trigger not first", flow: #"[{"id": 1, "module": "refiner:trackEvent"}, {"id": 2, "module": "refiner:watchResponses"}]"#,
             code: "scenario.misplaced-trigger", pointer: "/flow/1/module"),
        Case(name: "wrong type", flow: #"[{"id": "one", "module": "refiner:trackEvent"}]"#,
             code: "scenario.invalid-type", pointer: "/flow/0/id"),
        Case(name: "missing module key", flow: #"[{"id": 1}]"#, code: "scenario.missing-key", pointer: "/flow/0"),
        Case(name: "empty flow", flow: "[]", code: "scenario.empty-flow", pointer: "/flow"),
        Case(name: "router without routes", flow: #"[{"id": 1, "module": "builtin:BasicRouter"}]"#,
             code: "scenario.missing-routes", pointer: "/flow/0"),
    ]

    @Test(arguments: cases)
    func reportsProblem(_ example: Case) throws {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: example.flow))
        let problem = try #require(problems.first { $0.code.hasPrefix(example.code) }, "got \(problems.map(\.code))")
        #expect(problem.source?.pointer?.description == example.pointer)
        #expect(problem.source?.line != nil)
        #expect(problem.source?.column != nil)
        if let message = example.message { #expect(problem.message.contains(message), "\(problem.message)") }
    }

    @Test func collectsEveryProblemWithFileAndPosition() {
        let text = EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "refiner:nope"}, {"id": 1, "module": "refiner:trackEvent", "mapper": {"a": "{{7.x}}"}}]
        """)
        let problems = EngineFixtures.problems(text)
        #expect(Set(problems.map(\.code)) == ["scenario.unknown-module", "scenario.duplicate-id", "scenario.unknown-reference"])
        let rendered = problems.map { $0.source?.description ?? "" }
        #expect(rendered.contains("s.json#/flow/0/module:3:32"))
    }

    @Test func breakWithoutDLQIsAWarning() throws {
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "refiner:trackEvent", "onerror": [{"id": 2, "module": "builtin:Break"}]}]
        """))
        #expect(plan.warnings.map(\.code) == ["scenario.break-without-dlq"])
        #expect(plan.warnings.first?.severity == .warning)
    }

    @Test func reportsInvalidSettings() {
        let text = EngineFixtures.blueprint(
            flow: #"[{"id": 1, "module": "refiner:trackEvent"}]"#,
            metadata: #"{"scenario": {"roundtrips": -1}, "refinery": {"maxOperation": 3}}"#
        )
        let codes = EngineFixtures.problems(text).map(\.code)
        #expect(codes == ["scenario.invalid-setting", "scenario.unknown-setting"])
    }

    @Test func theCallTimeoutIsReadAndHeldToItsRange() throws {
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(
            flow: #"[{"id": 1, "module": "refiner:trackEvent"}]"#, metadata: #"{"refinery": {"callTimeout": 45}}"#
        ))
        #expect(plan.limits.callTimeout == 45)
        for invalid in ["0", "86401", "\"ten\""] {
            let text = EngineFixtures.blueprint(flow: #"[{"id": 1, "module": "refiner:trackEvent"}]"#, metadata: #"{"refinery": {"callTimeout": \#(invalid)}}"#)
            #expect(!EngineFixtures.problems(text).isEmpty, "\(invalid)")
        }
    }

    /// Static values are checked against the module's field specs, before anything runs, with the
    /// pointer of each; a mapped value (`{{ }}`) is left to the run.
    @Test func staticValuesAreCheckedAgainstFieldSpecs() throws {
        let app = try Fixtures.refinerApp()
        let catalog = ModuleCatalog(apps: [app])
        for (limit, rule) in [("\"ten\"", "unsigned integer"), ("0", "less than the minimum 1"), ("-5", "unsigned integer")] {
            let text = EngineFixtures.blueprint(flow: #"[{"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": \#(limit)}}]"#)
            let problems = EngineFixtures.problems(text, catalog: catalog)
            #expect(problems.map(\.code) == ["scenario.invalid-value"], "\(limit): \(problems)")
            #expect(problems.first?.message.contains(rule) == true, "\(limit): \(problems.first?.message ?? "")")
        }
        let tags = EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": 5}},
         {"id": 2, "module": "refiner:tagResponse", "mapper": {"uuid": "{{1.uuid}}", "tags": "detractor"}}]
        """)
        let problems = EngineFixtures.problems(tags, catalog: catalog)
        #expect(problems.map(\.code) == ["scenario.invalid-value"])
        #expect(problems.first?.source?.pointer?.description == "/flow/1/mapper/tags")
        let mapped = EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": 5}},
         {"id": 2, "module": "refiner:tagResponse", "mapper": {"uuid": "{{1.uuid}}", "tags": ["{{1.form.name}}", "nps"]}}]
        """)
        #expect(EngineFixtures.problems(mapped, catalog: catalog).isEmpty)
    }

    /// An unknown module is one error: the references to it further on are not errors of their own.
    @Test func anUnknownModuleIsOneError() {
        let text = EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "refiner:watchResponse", "parameters": {"limit": 5}},
         {"id": 2, "module": "refiner:trackEvent", "mapper": {"event": "x", "id": "{{1.contact.remote_id}}"}},
         {"id": 3, "module": "refiner:trackEvent", "mapper": {"event": "{{1.uuid}}"}}]
        """)
        #expect(EngineFixtures.problems(text).map(\.code) == ["scenario.unknown-module"])
    }
}

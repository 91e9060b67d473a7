import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// Scenario inputs: the blueprint's `io.input_spec`, given values, defaults, and `{{var.input.*}}`.
@Suite struct ScenarioInputsTests {
    /// A blueprint with Make's top-level `io` (keys of the editor such as `multiline` included).
    static func blueprint(inputSpec: String = defaultSpec, mapper: String = #"{"text": "{{var.input.name}} x{{var.input.count}}", "tags": "{{var.input.tags}}"}"#) -> String {
        """
        {"name": "inputs", "flow": [{"id": 1, "module": "test:sink", "mapper": \(mapper)}],
         "metadata": {"version": 1}, "io": {"input_spec": \(inputSpec), "output_spec": []}}
        """
    }

    static let defaultSpec = """
    [{"name": "name", "type": "text", "label": "Name", "required": true, "multiline": false},
     {"name": "count", "type": "number", "label": "Count", "default": 2, "required": false, "help": ""},
     {"name": "tags", "type": "array", "label": "Tags", "default": null}]
    """

    func run(_ given: JSONObject, blueprint: String = blueprint()) async throws -> FakeModule {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        var options = RunOptions()
        options.inputs = given
        _ = try await harness.run(EngineFixtures.load(blueprint, catalog: harness.catalog), options: options)
        return sink
    }

    @Test func theDeclarationIsRead() throws {
        let plan = try EngineFixtures.load(Self.blueprint(), catalog: RunHarness(extra: ["test:sink": recorder()]).catalog)
        #expect(plan.inputs.fields.map(\.name) == ["name", "count", "tags"])
        #expect(plan.inputs.fields.map(\.required) == [true, false, false])
        #expect(plan.inputs.fields[1].defaultValue == 2)
        #expect(plan.inputs.fields[2].defaultValue == nil)
    }

    @Test func givenValuesAndDefaultsAreRead() async throws {
        let sink = try await run(["name": "Ada", "tags": ["a", "b"]])
        #expect(sink.mappers == [["text": "Ada x2", "tags": ["a", "b"]]])
        let given = try await run(["name": "Bo", "count": "7"])
        #expect(given.mappers.first?["text"] == "Bo x7")
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var given: JSONObject
        var problem: String?
        var description: String { name }
    }

    static let resolveCases: [Case] = [
        Case(name: "given", given: ["name": "Ada"], problem: nil),
        Case(name: "numbers from text", given: ["name": "Ada", "count": "3.5"], problem: nil),
        Case(name: "missing required", given: ["count": 1], problem: "field 'name' is required"),
        Case(name: "empty required", given: ["name": ""], problem: "field 'name' is required"),
        Case(name: "wrong type", given: ["name": "Ada", "count": "many"], problem: "field 'count' must be a number"),
        Case(name: "wrong array", given: ["name": "Ada", "tags": "a"], problem: "field 'tags' must be an array"),
        Case(name: "unknown name", given: ["name": "Ada", "nmae": "x"], problem: "unknown field 'nmae'"),
    ]

    @Test(arguments: resolveCases)
    func givenValuesAreChecked(_ row: Case) throws {
        let plan = try EngineFixtures.load(Self.blueprint(), catalog: RunHarness(extra: ["test:sink": recorder()]).catalog)
        switch plan.inputs.resolve(row.given) {
        case .success(let values):
            #expect(row.problem == nil)
            #expect(values["count"] != nil)
        case .failure(let error):
            let problem = try #require(row.problem)
            #expect(error.messages.contains { $0.contains(problem) }, "\(error.messages)")
        }
    }

    @Test func textValuesOfArraysParseAsJSON() throws {
        let plan = try EngineFixtures.load(Self.blueprint(), catalog: RunHarness(extra: ["test:sink": recorder()]).catalog)
        #expect(plan.inputs.value(fromText: #"["a"]"#, for: "tags") == ["a"])
        #expect(plan.inputs.value(fromText: "[x", for: "tags") == "[x")
        #expect(plan.inputs.value(fromText: "5", for: "name") == "5")
    }

    @Test func aBadDeclarationIsAProblemAtLoad() {
        let text = Self.blueprint(inputSpec: #"[{"name": "a", "type": "txt"}, {"type": "text"}]"#)
        let problems = EngineFixtures.problems(text, catalog: RunHarness(extra: ["test:sink": recorder()]).catalog)
        #expect(problems.map(\.code).sorted() == ["module.missing-field", "module.unknown-type"])
        #expect(problems.allSatisfy { $0.source?.pointer?.description.hasPrefix("/io/input_spec/") == true })
    }

    @Test func withoutIOVarInputIsNull() async throws {
        let text = #"{"name": "x", "flow": [{"id": 1, "module": "test:sink", "mapper": {"v": "{{var.input.x}}"}}]}"#
        let sink = try await run([:], blueprint: text)
        #expect(sink.mappers == [["v": .null]])
    }
}

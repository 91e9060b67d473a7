import Foundation
import Refinery
import RefineryJSON

/// The scenario inputs given on the command line: `--inputs FILE.json` (an object), then each
/// `--input NAME=VALUE` over it. Checked against the scenario's `io.input_spec` before anything runs:
/// a missing required input, a wrong type or an unknown name is a usage error naming every problem.
struct ScenarioInputValues {
    static let options: [CommandSpec.Option] = [
        .init("input", value: "NAME=VALUE", repeats: true, help: "A scenario input, read as {{var.input.NAME}} (repeatable)."),
        .init("inputs", value: "FILE", help: "Scenario inputs from a JSON object file; --input values win."),
    ]

    var pairs: [String] = []
    var file: String?

    init() {}

    init(_ arguments: ParsedArguments) {
        pairs = arguments.values("input")
        file = arguments.value("inputs")
    }

    /// The values the run sees (defaults applied, types converted).
    func resolved(for inputs: ScenarioInputs, context: CommandContext) throws(UsageError) -> JSONObject {
        try check(given(for: inputs, context: context), against: inputs)
    }

    /// `serve` and `webhook deliver`: each scenario gets the values its own `io.input_spec` names and is
    /// checked against it; a name that none of them declares is a usage error, as it is for `run`.
    func resolved(for scenarios: [HostedScenario], context: CommandContext) throws(UsageError) -> [HostedScenario] {
        var declared: Set<String> = []
        var resolved = scenarios
        for index in resolved.indices {
            let inputs = resolved[index].plan.inputs
            let names = Set(inputs.fields.map(\.name))
            declared.formUnion(names)
            let given = try self.given(for: inputs, context: context)
            let own = JSONObject(given.filter { names.contains($0.key) }.map { ($0.key, $0.value) })
            resolved[index].inputs = try check(own, against: inputs, scenario: scenarios.count > 1 ? resolved[index].key : nil)
        }
        let unknown = try given(for: ScenarioInputs(), context: context).map(\.key).filter { !declared.contains($0) }
        guard unknown.isEmpty else { throw UsageError(CLIMessages.undeclaredInputs(unknown)) }
        return resolved
    }

    private func given(for inputs: ScenarioInputs, context: CommandContext) throws(UsageError) -> JSONObject {
        var given = try fileValues(context)
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { throw UsageError(CLIMessages.invalidInput(pair)) }
            let name = String(pair[..<equals])
            given[name] = inputs.value(fromText: String(pair[pair.index(after: equals)...]), for: name)
        }
        return given
    }

    private func check(_ given: JSONObject, against inputs: ScenarioInputs, scenario: String? = nil) throws(UsageError) -> JSONObject {
        switch inputs.resolve(given) {
        case .success(let values): return values
        case .failure(let error): throw UsageError(CLIMessages.invalidInputs(error.messages, scenario: scenario))
        }
    }

    private func fileValues(_ context: CommandContext) throws(UsageError) -> JSONObject {
        guard let file else { return [:] }
        let path = FileCollector(workingDirectory: context.workingDirectory).resolve(file)
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONValue(parsing: Array(data)))?.objectValue else {
            throw UsageError(CLIMessages.unreadableInputs(file))
        }
        return object
    }
}

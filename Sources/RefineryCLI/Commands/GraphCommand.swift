import Foundation
import Refinery
import RefineryJSON

/// `refinery graph SCENARIO [--format mermaid|dot]`: the scenario as a picture.
struct GraphCommand: Command {
    static let spec = CommandSpec(
        name: "graph",
        summary: "Draw a scenario: modules, routes, filters and error routes.",
        discussion: """
        Prints the scenario as a Mermaid flowchart (the default; GitHub renders it in Markdown) or as Graphviz
        DOT. Links show their filters; fallback routes are dotted and error routes dashed.
        """,
        positionals: [.init("SCENARIO", help: "The scenario blueprint (.json).")],
        options: [.init("format", short: "f", value: "FORMAT", help: "mermaid (default) or dot.")],
        examples: ["refinery graph scenarios/nps-follow-up.json", "refinery graph scenarios/nps-follow-up.json --format dot | dot -Tsvg > nps.svg"]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let formatName = arguments.value("format") ?? ScenarioGraph.Format.mermaid.rawValue
        guard let format = ScenarioGraph.Format(rawValue: formatName) else {
            let names = ScenarioGraph.Format.allCases.map(\.rawValue)
            throw UsageError(CLIMessages.unknownGraphFormat(formatName, known: names), command: Self.spec.name)
        }
        guard let file = arguments.positionals.first else {
            throw UsageError(CLIMessages.missingArgument("SCENARIO"), command: Self.spec.name)
        }
        let path = FileCollector(workingDirectory: context.workingDirectory).resolve(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(CLIMessages.pathNotFound(file), command: Self.spec.name)
        }
        do {
            let graph = try ScenarioGraph(file: file, bytes: Array(data))
            context.console.out(graph.render(format))
            return .success
        } catch {
            context.report(error.diagnostics)
            return .dataError
        }
    }
}

import Foundation
import IML
import RefineryJSON

/// `refinery eval TEMPLATE [--scope JSON|@file] [--json]`: the quickest way to try a mapping.
struct EvalCommand: Command {
    static let spec = CommandSpec(
        name: "eval",
        summary: "Evaluate an IML template against a scope and print the result as JSON.",
        discussion: """
        The scope is a JSON object whose keys are the template's top-level names ("1", "parameters",
        "body"...), given inline or as @file. `now` is the current time; --time-zone sets the zone of
        date functions (default UTC). An invalid template prints its diagnostic and exits 65.
        """,
        positionals: [.init("TEMPLATE", help: "The template, e.g. '{{lower(1.email)}}'.")],
        options: [
            .init("scope", value: "JSON|@FILE", help: "The scope: a JSON object, or @ and a file holding one."),
            .init("time-zone", value: "ZONE", help: "The default time zone (IANA name), e.g. Europe/Prague."),
            .init("json", help: "Print compact JSON on one line (errors as a JSON object on stdout)."),
        ],
        examples: [
            "refinery eval '{{1.name + \" <\" + lower(1.email) + \">\"}}' --scope '{\"1\": {\"name\": \"Ada\", \"email\": \"ADA@X.IO\"}}'",
            "refinery eval '{{formatDate(now; \"YYYY-MM-DD HH:mm\")}}' --time-zone Europe/Prague",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let source = arguments.positionals.first ?? ""
        let scope = try Self.scope(arguments.value("scope"), context: context)
        var zone = TimeZone.gmt
        if let name = arguments.value("time-zone") {
            guard let named = TimeZone(identifier: name) else {
                throw UsageError(CLIMessages.unknownTimeZone(name), command: Self.spec.name)
            }
            zone = named
        }
        let evaluation = EvaluationContext(
            scope: scope, now: Date(), timeZone: zone, randomSeed: UInt64.random(in: 0...UInt64.max)
        )
        do {
            let value = try Template(source).evaluate(in: evaluation)
            context.console.out(value.serialized(arguments.flag("json") ? .compact : .pretty) + "\n")
            return .success
        } catch {
            if arguments.flag("json") {
                let report: JSONValue = ["error": [
                    "code": .string(error.code), "message": .string(error.message), "column": .int(error.column),
                ]]
                context.console.out(report.serialized() + "\n")
            } else {
                context.report([error.diagnostic(template: source)])
            }
            return .dataError
        }
    }

    /// The `--scope` object: inline JSON or `@file`; a syntax error is a diagnostic (exit 65).
    static func scope(_ option: String?, context: CommandContext) throws -> JSONObject {
        guard let option else { return [:] }
        let file: String
        let bytes: [UInt8]
        if option.hasPrefix("@") {
            file = String(option.dropFirst())
            let path = file.hasPrefix("/") ? file : context.workingDirectory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError(CLIMessages.pathNotFound(file), command: spec.name)
            }
            bytes = Array(data)
        } else {
            file = "--scope"
            bytes = Array(option.utf8)
        }
        let document = try JSONDocument(file: file, bytes: bytes)
        guard case .object(let object) = document.value else {
            throw UsageError(CLIMessages.scopeNotObject(document.value.typeName), command: spec.name)
        }
        return object
    }
}

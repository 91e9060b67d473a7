import Foundation
import RefineryJSON

/// The `refinery` command line: parses arguments, dispatches to a command, renders errors, returns the
/// exit code. Runs in-process (tests pass a captured console and their own environment).
package enum RefineryCLI {
    package static let version = "0.1.0"

    /// Runs `refinery` with `arguments` (without the program name).
    package static func run(_ arguments: [String], context: CommandContext) async -> ExitCode {
        guard let first = arguments.first else {
            context.console.out(HelpText.tool())
            return .usage
        }
        switch first {
        case "-h", "--help": return await dispatch(HelpCommand.self, [], context)
        case "--version", "-V": return await dispatch(VersionCommand.self, [], context)
        default: break
        }
        guard let command = CommandRegistry.command(named: first) else {
            let suggestion = Suggestion.closest(to: first, in: CommandRegistry.names)
            let message = first.hasPrefix("-") ? CLIMessages.unknownOption(first, suggestion: nil)
                : CLIMessages.unknownCommand(first, suggestion: suggestion)
            return usageFailure(UsageError(message), context)
        }
        return await dispatch(command, Array(arguments.dropFirst()), context)
    }

    /// The process entry point: real console, environment and working directory.
    package static func main() async -> Int32 {
        let context = CommandContext(
            console: .standard,
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            ask: terminalQuestion()
        )
        return await run(Array(CommandLine.arguments.dropFirst()), context: context).rawValue
    }

    /// Asks on the terminal (the prompt on standard error, the answer from standard input), when both are one.
    static func terminalQuestion() -> (@Sendable (String) -> String?)? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return nil }
        return { @Sendable (prompt: String) -> String? in
            FileHandle.standardError.write(Data(prompt.utf8))
            return readLine()
        }
    }

    private static func dispatch(_ command: any Command.Type, _ arguments: [String], _ context: CommandContext) async -> ExitCode {
        do {
            let parsed = try ArgumentParser(spec: command.spec).parse(arguments)
            if parsed.flag("help") {
                context.console.out(HelpText.command(command.spec))
                return .success
            }
            return try await command.init().run(parsed, context: context)
        } catch let error as UsageError {
            return usageFailure(error, context, command: command.spec.name)
        } catch let diagnostic as Diagnostic {
            context.report([diagnostic])
            return .dataError
        } catch {
            context.console.err("refinery: error: \(error)\n")
            return .failure
        }
    }

    private static func usageFailure(_ error: UsageError, _ context: CommandContext, command: String? = nil) -> ExitCode {
        let name = error.command ?? command
        context.console.err("refinery: error: \(error.message)\n\(CLIMessages.usageFooter(command: name))\n")
        return .usage
    }
}

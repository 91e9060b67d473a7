import Foundation
@testable import RefineryCLI
import RefineryTesting
import Testing

/// `refinery completions bash|zsh|fish`: every command and option of the registry, in each shell's form.
@Suite(.serialized) struct CompletionsCommandTests {
    static func script(_ shell: String) async throws -> String {
        let outcome = await CLIHarness().run("completions", shell)
        #expect(outcome.code == .success)
        #expect(!outcome.stdout.isEmpty)
        return outcome.stdout
    }

    static var specs: [CommandSpec] { CommandRegistry.commands.map { $0.spec } }

    /// The text after `start` up to `end` (the part of the script about one command).
    static func section(of script: String, from start: String, to end: String) -> String? {
        guard let range = script.range(of: start) else { return nil }
        let rest = script[range.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    @Test func bashListsEveryCommandAndOption() async throws {
        let script = try await Self.script("bash")
        for spec in Self.specs {
            let line = try #require(Self.section(of: script, from: "\n        \(spec.name)) options=", to: "\n"), "no case for \(spec.name)")
            let words = Set(line.split(whereSeparator: { $0 == " " || $0 == "\"" }).map(String.init))
            for option in ShellCompletions.options(of: spec) {
                #expect(words.contains("--\(option.name)"), "bash: \(spec.name) --\(option.name)")
                if let short = option.short { #expect(words.contains("-\(short)"), "bash: \(spec.name) -\(short)") }
            }
        }
    }

    @Test func zshListsEveryCommandAndOption() async throws {
        let script = try await Self.script("zsh")
        #expect(script.hasPrefix("#compdef refinery\n"))
        for spec in Self.specs {
            #expect(script.contains("\n    '\(spec.name):"), "zsh: command \(spec.name) described")
            let block = try #require(Self.section(of: script, from: "\n    \(spec.name))\n", to: "\n      ;;"), "no case for \(spec.name)")
            for option in ShellCompletions.options(of: spec) {
                let form = option.short.map { "{-\($0),--\(option.name)}'[" } ?? "--\(option.name)["
                #expect(block.contains(form), "zsh: \(spec.name) \(form)")
            }
        }
    }

    @Test func fishListsEveryCommandAndOption() async throws {
        let script = try await Self.script("fish")
        let lines = script.split(separator: "\n").map(String.init)
        for spec in Self.specs {
            #expect(lines.contains { $0.hasPrefix("complete -c refinery -n __fish_use_subcommand -f -a \(spec.name) -d ") }, "fish: command \(spec.name)")
            let own = lines.filter { $0.contains("'__fish_seen_subcommand_from \(spec.name)'") }
            for option in ShellCompletions.options(of: spec) {
                let short = option.short.map { " -s \($0)" } ?? ""
                #expect(own.contains { $0.contains("\(short) -l \(option.name) ") }, "fish: \(spec.name) --\(option.name)")
            }
        }
    }

    @Test func choicesInAPlaceholderAreOffered() async throws {
        let fish = try await Self.script("fish")
        #expect(fish.contains("-l format -x -a 'text json github'"))
        let zsh = try await Self.script("zsh")
        #expect(zsh.contains(":(text json github)'"))
    }

    /// The bash script parses, and completing in a real bash gives commands, then a command's options.
    @Test(arguments: [
        (["refinery", "val"], 1, ["validate"]),
        (["refinery", "validate", "--fo"], 2, ["--format"]),
        (["refinery", "validate", "--format", "j"], 3, ["json"]),
        (["refinery", "help", "comp"], 2, ["completions"]),
        (["refinery", "completions", "z"], 2, ["zsh"]),
    ])
    func bashCompletesInBash(words: [String], current: Int, expected: [String]) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("refinery.bash", try await Self.script("bash"))
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
        source '\(folder.path)/refinery.bash'
        COMP_WORDS=(\(quoted)); COMP_CWORD=\(current)
        _refinery
        printf '%s\\n' "${COMPREPLY[@]}"
        """
        let (status, output) = try await Self.bash(program, in: folder.path)
        #expect(status == 0, "\(output)")
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    @Test func bashScriptParses() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("refinery.bash", try await Self.script("bash"))
        let (status, output) = try await Self.bash("bash -n refinery.bash", in: folder.path)
        #expect(status == 0, "\(output)")
    }

    @Test func unknownShellIsAUsageError() async {
        let outcome = await CLIHarness().run("completions", "powershell")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("unknown shell 'powershell'; use one of: bash, zsh, fish"))
    }

    static func bash(_ program: String, in folder: String) async throws -> (Int32, String) {
        try await runToEnd(URL(fileURLWithPath: "/bin/bash"), ["-c", program], in: folder)
    }
}

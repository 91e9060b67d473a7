import Foundation
@testable import RefineryCLI
import RefineryJSON
import RefineryTesting
import Testing

/// `refinery init`: the repository it writes, in a temporary folder outside the checkout, and what that
/// repository's own commands say about it.
@Suite(.serialized) struct InitCommandTests {
    /// The Refiner app of this checkout, for the tests that name it explicitly.
    static let modules = ModuleCommandsTests.root + "/modules"

    static func read(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    @Test func theRepositoryValidatesAndItsScenarioReplays() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(!folder.path.hasPrefix(ModuleCommandsTests.root))
        // No modules folder anywhere: the Refiner app is built in, for init and for the repository's CI.
        let created = await CLIHarness(workingDirectory: folder.path).run("init", "repo")
        #expect(created.code == .success, "\(created.stderr)")
        #expect(created.stderr.contains("warning: no --source"), "\(created.stderr)")
        let workflow = try Self.read(folder.path + "/repo", ".github/workflows/refinery.yml")
        #expect(workflow.contains(RepositoryTemplate.Source.requireRepository), "CI stops with the reason until the source is set")
        for file in InitCommand.files {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/repo/" + file), "\(file) written")
            #expect(created.stdout.contains("  repo/\(file)\n"))
        }
        let repository = CLIHarness(workingDirectory: folder.path + "/repo")
        let validated = await repository.run("validate", "scenarios")
        #expect(validated.code == .success, "\(validated.stderr)")
        #expect(validated.stderr == "3 files valid\n")
        let tested = await repository.run("test", "scenarios", "--junit", "test-results.xml")
        #expect(tested.code == .success, "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.hasPrefix("pass     scenarios/nps-detractor-follow-up.json\n"))
        let expected = try JSONValue(parsing: Array(try Self.read(folder.path + "/repo", "scenarios/nps-detractor-follow-up.expected.json").utf8))
        #expect(expected["status"] == "success")
        #expect((expected["operations"]?.intValue ?? 0) > 1, "the sample did some work on the sandbox")
    }

    @Test func theSampleIsTheShippedScenario() throws {
        let shipped = try Self.read(ModuleCommandsTests.root, RepositoryTemplate.sampleScenario)
        #expect(RepositoryTemplate.sampleScenarioText == shipped)
    }

    @Test func gitignoreKeepsTheStateOut() {
        let lines = RepositoryTemplate.gitignore.split(separator: "\n").map(String.init)
        #expect(lines.contains(".refinery/"))
    }

    @Test func githubWorkflowInstallsRefineryAndRunsItsTests() throws {
        let text = RepositoryTemplate.githubWorkflow(.init(repository: "https://example.com/refinery.git", revision: "v1.2.3"))
        let yaml = try MinimalYAML(text)
        #expect(yaml.topLevelKeys == ["name", "on", "env", "jobs"])
        #expect(yaml.value(at: ["env", "REFINERY_REVISION"]) == "v1.2.3")
        #expect(yaml.value(at: ["env", "REFINERY_REPOSITORY"]) == "https://example.com/refinery.git")
        #expect(yaml.value(at: ["jobs", "scenarios", "runs-on"]) == "ubuntu-latest")
        let commands = yaml.commands
        #expect(commands.contains { $0.contains("Scripts/install.sh") })
        #expect(commands.contains("refinery test scenarios --junit test-results.xml"))
        #expect(commands.contains("refinery validate scenarios --format github"))
        #expect(commands.firstIndex { $0.contains("Scripts/install.sh") } ?? .max < commands.firstIndex { $0.hasPrefix("refinery test") } ?? -1)
    }

    @Test func gitlabJobInstallsRefineryAndRunsItsTests() throws {
        let text = RepositoryTemplate.gitlabCI(.init(repository: "https://example.com/refinery.git", revision: "main"))
        let yaml = try MinimalYAML(text)
        #expect(yaml.topLevelKeys == ["refinery"])
        #expect(yaml.value(at: ["refinery", "image"]) == "swift:6.3")
        #expect(yaml.value(at: ["refinery", "artifacts", "reports", "junit"]) == "test-results.xml")
        let commands = yaml.commands
        #expect(commands.contains { $0.contains("Scripts/install.sh") })
        #expect(commands.contains("refinery test scenarios --junit test-results.xml"))
    }

    @Test func aFolderThatIsNotEmptyIsRefusedWithoutForce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("notes.txt", "mine")
        let cli = CLIHarness(workingDirectory: folder.path)
        let refused = await cli.run("init", ".", "--modules", Self.modules)
        #expect(refused.code == .usage)
        #expect(refused.stderr.contains("'.' is not empty; pass --force"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/scenarios"))
        let forced = await cli.run("init", "--force", "--source", "https://example.com/r.git", "--revision", "abc123", "--modules", Self.modules)
        #expect(forced.code == .success, "\(forced.stderr)")
        #expect(try Self.read(folder.path, "notes.txt") == "mine")
        #expect(try Self.read(folder.path, ".gitlab-ci.yml").contains("REFINERY_REVISION: abc123\n"))
        #expect(try Self.read(folder.path, ".github/workflows/refinery.yml").contains("REFINERY_REPOSITORY: https://example.com/r.git\n"))
    }

    @Test func aFileIsNotAFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("taken", "x")
        let outcome = await CLIHarness(workingDirectory: folder.path).run("init", "taken", "--modules", Self.modules)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("'taken' is a file, not a folder"))
    }

    @Test func withoutTheRefinerAppNothingIsRecorded() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run("init", "repo", "--modules", folder.path + "/no-apps")
        #expect(outcome.code != .success)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/repo/scenarios/nps-detractor-follow-up.cassette.json"))
    }
}

/// Just enough YAML to check the generated CI files: block mappings by indentation, `- ` list items,
/// `key: value` scalars and `|` literal blocks. Tabs are refused, as YAML does.
struct MinimalYAML {
    struct Line {
        let indent: Int
        let text: String
    }

    let lines: [Line]

    init(_ text: String) throws {
        var lines: [Line] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard !raw.contains("\t") else { throw YAMLProblem(description: "a tab in '\(raw)'") }
            let trimmed = raw.drop { $0 == " " }
            if trimmed.hasPrefix("#") || trimmed.isEmpty { continue }
            lines.append(Line(indent: raw.count - trimmed.count, text: String(trimmed)))
        }
        self.lines = lines
    }

    struct YAMLProblem: Error, CustomStringConvertible {
        let description: String
    }

    var topLevelKeys: [String] {
        lines.filter { $0.indent == 0 }.compactMap { Self.key($0.text) }
    }

    /// The scalar at a path of mapping keys (`["jobs", "test", "runs-on"]`).
    func value(at path: [String]) -> String? {
        var start = 0
        var indent = -1
        for (depth, key) in path.enumerated() {
            guard let index = lines[start...].firstIndex(where: { $0.indent > indent && Self.key($0.text) == key }),
                  lines[start..<index].allSatisfy({ $0.indent > indent }) else { return nil }
            if depth == path.count - 1 { return Self.scalar(lines[index].text) }
            indent = lines[index].indent
            start = index + 1
        }
        return nil
    }

    /// Every shell command: `run:` values, `- ` items of a `script:` list, and the lines of their `|` blocks.
    var commands: [String] {
        var commands: [String] = []
        var blockIndent: Int?
        var inScript: Int?
        for line in lines {
            if let indent = blockIndent, line.indent > indent {
                commands.append(line.text)
                continue
            }
            blockIndent = nil
            if let indent = inScript, line.indent < indent || (line.indent == indent && !line.text.hasPrefix("- ")) { inScript = nil }
            var text = line.text
            let item = text.hasPrefix("- ")
            if item { text = String(text.dropFirst(2)) }
            if Self.key(text) == "script" { inScript = line.indent + 2 }
            let command: String? = Self.key(text) == "run" ? Self.scalar(text) : (item && inScript != nil && Self.key(text) == nil ? text : nil)
            guard let command else { continue }
            if command == "|" { blockIndent = line.indent } else { commands.append(command) }
        }
        return commands
    }

    /// `key` of `key: value` or `key:`; nil for anything else (a command with a colon inside has a space
    /// or a quote before it).
    static func key(_ text: String) -> String? {
        let body = text.hasPrefix("- ") ? String(text.dropFirst(2)) : text
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let key = body[..<colon]
        let after = body[body.index(after: colon)...]
        guard !key.isEmpty, !key.contains(" "), !key.contains("\""), after.isEmpty || after.hasPrefix(" ") else { return nil }
        return String(key)
    }

    static func scalar(_ text: String) -> String? {
        let body = text.hasPrefix("- ") ? String(text.dropFirst(2)) : text
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}

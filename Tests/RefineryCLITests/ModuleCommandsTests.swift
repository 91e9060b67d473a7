import Foundation
import Synchronization
import RefineryCLI
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct ModuleCommandsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let harness = CLIHarness(workingDirectory: ModuleCommandsTests.root)

    @Test func modulesListsEveryRefinerModuleWithItsKind() async throws {
        let outcome = await harness.run("modules", "refiner")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.contains("refiner (Refiner 1.0.0): 19 modules"))
        #expect(outcome.stdout.contains("refiner:deleteContact"))
        #expect(outcome.stdout.contains("[destructive]"))
        let json = await harness.run("modules", "--json")
        let apps = try JSONValue(parsing: json.stdout)
        #expect(apps[0]?["modules"]?.arrayValue?.count == 19)
    }

    @Test func schemaShowsInputAndOutputFields() async throws {
        let outcome = await harness.run("schema", "refiner:listContacts")
        #expect(outcome.code == .success)
        #expect(outcome.stdout.contains("limit: uinteger"))
        #expect(outcome.stdout.contains("Output:"))
        let json = await harness.run("schema", "refiner:getContact", "--json")
        let schema = try JSONValue(parsing: json.stdout)
        #expect(schema["input"]?["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["input"]?["oneOf"]?.arrayValue?.count == 3)
        #expect(schema["output"]?["properties"]?["email"]?["format"] == "email")
    }

    @Test func unknownModulesAreUsageErrors() async throws {
        let outcome = await harness.run("schema", "refiner:listContact")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("did you mean 'listContacts'?"))
        #expect(await harness.run("call", "listContacts").code == .usage)
    }

    @Test func callRunsAModuleAgainstTheSandbox() async throws {
        let outcome = await harness.run("call", "refiner:listContacts", "--data", #"{"limit": 3}"#, "--sandbox", "--json")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        let bundles = try JSONValue(parsing: outcome.stdout)
        #expect(bundles.arrayValue?.count == 3)
        #expect(outcome.stderr.contains("refiner:listContacts: 3 bundles"))
        #expect(!outcome.stdout.contains("sandbox-api-key"))
    }

    @Test func badInputIsADataErrorAndSendsNothing() async throws {
        let outcome = await harness.run("call", "refiner:listContacts", "--data", #"{"limit": 0}"#, "--sandbox")
        #expect(outcome.code == .failure)
        #expect(outcome.stderr.contains("DataError"))
        #expect(outcome.stderr.contains("'limit'"))
        #expect(await harness.run("call", "refiner:listContacts", "--data", "{nope").code == .usage)
    }

    @Test func destructiveModulesRefuseWithoutYes() async throws {
        let refused = await harness.run("call", "refiner:deleteContact", "--data", #"{"id": "user-1"}"#, "--sandbox")
        #expect(refused.code == .failure)
        #expect(refused.stderr.contains(#"{"id":"user-1"}"#))
        #expect(refused.stderr.contains("--yes"))
        let confirmed = await harness.run("call", "refiner:deleteContact", "--data", #"{"email": "nobody@example.com"}"#, "--sandbox", "--yes")
        #expect(confirmed.stderr.contains("DataError") || confirmed.code == .success)
    }

    @Test func callReadsTheConnectionFromTheEnvironmentOverLoopback() async throws {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(rateLimits: .unlimited))
        let server = try SandboxServer.start(sandbox: sandbox, port: 0)
        let environment = ["REFINER_API_KEY": sandbox.apiKey, "REFINER_BASE_URL": server.baseURL, "NO_COLOR": "1"]
        let outcome = await CLIHarness(environment: environment, workingDirectory: Self.root)
            .run("call", "refiner:getContact", "--data", #"{"id": "no-such-user"}"#)
        let account = await CLIHarness(environment: environment, workingDirectory: Self.root).run("call", "refiner:getAccountInfo", "--json")
        await server.stop()
        #expect(outcome.code == .failure)
        #expect(outcome.stderr.contains("DataError"))
        #expect(outcome.stderr.contains("[404]"))
        #expect(account.code == .success, "\(account.stderr)")
        #expect(try JSONValue(parsing: account.stdout)[0]?["subscription"] != nil)
        #expect(!(outcome.stderr + account.stdout + account.stderr).contains(sandbox.apiKey))
    }

    @Test(arguments: [("y", ExitCode.success), ("n", ExitCode.failure)])
    func destructiveModulesAskOnATerminal(answer: String, code: ExitCode) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("input.json", #"{"id": "user-1"}"#)
        let captured = CapturedConsole()
        let asked = Asked()
        let context = CommandContext(console: captured.console(), environment: ["NO_COLOR": "1"], workingDirectory: Self.root) { prompt in
            asked.record(prompt)
            return answer
        }
        let arguments = ["call", "refiner:removeContactFromSegment", "--data", #"{"segmentUuid": "5f0c1e2a-6b7d-11ef-8f3e-0242ac120002", "id": "u-1"}"#, "--sandbox"]
        let result = await RefineryCLI.run(arguments, context: context)
        #expect(asked.prompts.count == 1)
        #expect(asked.prompts.first?.contains("refiner:removeContactFromSegment") == true)
        #expect(asked.prompts.first?.contains("u-1") == true)
        #expect((result == code) || (answer == "y" && result == .failure && captured.stderr.contains("Error")))
        if answer == "n" { #expect(captured.stderr.contains("--yes")) }
        let fromFile = await harness.run("call", "refiner:getContact", "--data", "@" + folder.path + "/input.json", "--sandbox")
        #expect(fromFile.code == .success)
        #expect(fromFile.stdout.contains(#""remote_id": "user-1""#) || fromFile.stdout.contains(#""remote_id":"user-1""#))
    }

    @Test func callWithoutAKeyNamesTheVariable() async throws {
        let outcome = await CLIHarness(environment: [:], workingDirectory: Self.root).run("call", "refiner:getAccountInfo")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("REFINER_API_KEY"))
    }

    @Test func validateCoversModules() async throws {
        let valid = await harness.run("validate", "modules")
        #expect(valid.code == .success, "\(valid.stderr)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("app.json", #"{"name": "demo", "label": "Demo"}"#)
        try folder.write("m.json", #"{"name": "m", "label": "M", "type": "serch", "comunication": {}}"#)
        let invalid = await CLIHarness(workingDirectory: folder.path).run("validate", ".")
        #expect(invalid.code == .dataError)
        #expect(invalid.stderr.contains("m.json#/type:1:37: error:"))
        #expect(invalid.stderr.contains("did you mean 'communication'?"))
    }
}

final class Asked: Sendable {
    private let storage = Mutex<[String]>([])
    func record(_ prompt: String) { storage.withLock { $0.append(prompt) } }
    var prompts: [String] { storage.withLock { $0 } }
}

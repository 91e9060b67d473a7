import Foundation
import RefineryCLI
import RefineryHTTP
import RefineryJSON
import Testing

/// A scenario that starts with Make's custom webhook, written as Make exports it, runs on a delivery:
/// the payload is the bundle, and the rest of the flow maps it.
@Suite struct CustomWebhookCommandTests {
    static let scenario = """
    {"name": "Lead form to Refiner", "flow": [
      {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 1234567, "maxResults": 1}, "mapper": {},
       "metadata": {"designer": {"x": 0, "y": 0}, "restore": {"parameters": {"hook": {"label": "Lead form"}}}}},
      {"id": 2, "module": "refiner:trackEvent", "version": 1, "parameters": {"__IMTCONN__": 1}, "mapper": {"event": "lead_{{1.source}}", "email": "{{1.email}}"}}
    ], "metadata": {"instant": true, "version": 1, "scenario": {"roundtrips": 1, "maxErrors": 3, "dlq": false}}}
    """

    @Test func aCustomWebhookScenarioRunsOnADelivery() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("leads.json", Self.scenario)
        try folder.write("lead.json", #"{"email": "ada@example.com", "source": "ads"}"#)
        let cli = CLIHarness(workingDirectory: folder.path)
        let validated = await cli.run("validate", "leads.json")
        #expect(validated.code == .success, "\(validated.stderr)")
        let delivered = await cli.run("webhook", "deliver", "leads.json", "lead.json", "--sandbox", "--state", "state", "--json")
        #expect(delivered.code == .success, "\(delivered.stderr)")
        let report = try JSONValue(parsing: delivered.stdout)
        #expect(report["status"] == "success")
        #expect(report["modules"]?[1]?["operations"] == 1)
    }

    /// Served by the built binary: the printed URL never shows the token; a form post to the URL with
    /// the token is accepted and processed, the same without it is a path nobody listens on.
    @Test func servedItTakesAFormPostAtItsSecretURL() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("leads.json", Self.scenario)
        let token = "lead-hook-0123456789abcdef"
        let child = try await ServeChild.start(
            ["serve", "leads.json", "--sandbox", "--state", "state"], folder: folder.path, environment: ["REFINERY_WEBHOOK_TOKEN": token]
        )
        #expect(child.url.hasSuffix("/hooks/leads/<token>"), "\(child.url)")
        let base = String(child.url.dropLast("<token>".count))
        let form = { (target: String) in
            HTTPRequest(method: .post, target: target, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("email=ada%40example.com&source=form".utf8))
        }
        #expect(try await ServeChild.transport.send(form(base + token)).status == 200)
        #expect(try await ServeChild.transport.send(form(base + "wrong-token-0123456789")).status == 404)
        child.process.terminate()
        #expect(try await SandboxCommandTests.exitStatus(of: child.process) == 0)
        let state = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/state/leads.state.json"))))
        #expect(state["history"]?[0]?["status"] == "success")
        #expect(state["history"]?[0]?["operations"] == 2)
    }

    /// With `gateway:WebhookRespond`, the sender gets the scenario's answer: its status, headers and
    /// body, mapped from the delivery, once the execution reaches the responder.
    @Test func aRespondModuleAnswersTheSender() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("echo.json", """
        {"name": "Answer the form", "flow": [
          {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 42, "maxResults": 1}},
          {"id": 2, "module": "gateway:WebhookRespond", "version": 1, "parameters": {},
           "mapper": {"status": "201", "body": "thanks {{1.name}}", "headers": [{"key": "X-Scenario", "value": "echo"}]}}
        ]}
        """)
        let token = "echo-hook-0123456789abcdef"
        let child = try await ServeChild.start(["serve", "echo.json", "--state", "state"], folder: folder.path, environment: ["REFINERY_WEBHOOK_TOKEN": token])
        let target = String(child.url.dropLast("<token>".count)) + token + "?name=Ada"
        let answer = try await ServeChild.transport.send(HTTPRequest(method: .get, target: target))
        child.process.terminate()
        _ = try await SandboxCommandTests.exitStatus(of: child.process)
        #expect(answer.status == 201)
        #expect(String(decoding: answer.body, as: UTF8.self) == "thanks Ada")
        #expect(answer.headers["X-Scenario"] == "echo")
    }

    static let greeter = """
    {"name": "Greet the form", "flow": [
      {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 43, "maxResults": 1}},
      {"id": 2, "module": "gateway:WebhookRespond", "version": 1, "parameters": {},
       "mapper": {"status": "200", "body": "{{var.input.greeting}} {{1.name}}{{var.input.mark}}"}}
    ], "io": {"input_spec": [
      {"name": "greeting", "type": "text", "label": "Greeting", "required": true},
      {"name": "mark", "type": "text", "label": "Mark", "default": "!", "required": false}
    ], "output_spec": []}}
    """

    /// `serve --input` gives every execution of the scenario its inputs, defaults applied.
    @Test func servedExecutionsSeeTheScenarioInputs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("greet.json", Self.greeter)
        let token = "greet-hook-0123456789abcdef"
        let child = try await ServeChild.start(
            ["serve", "greet.json", "--state", "state", "--input", "greeting=Hello"], folder: folder.path, environment: ["REFINERY_WEBHOOK_TOKEN": token]
        )
        let target = String(child.url.dropLast("<token>".count)) + token + "?name=Ada"
        let answer = try await ServeChild.transport.send(HTTPRequest(method: .get, target: target))
        child.process.terminate()
        _ = try await SandboxCommandTests.exitStatus(of: child.process)
        #expect(String(decoding: answer.body, as: UTF8.self) == "Hello Ada!")
    }

    /// `webhook deliver` and `serve` check the inputs before anything runs, as `run` does.
    @Test(arguments: [
        (["webhook", "deliver", "greet.json", "lead.json"], "field 'greeting' is required"),
        (["webhook", "deliver", "greet.json", "lead.json", "--input", "greeting=Hi", "--input", "colour=red"], "no scenario served declares the input 'colour'"),
        (["serve", "greet.json", "leads.json", "--sandbox"], "scenario 'greet': the scenario inputs do not fit its io.input_spec: field 'greeting' is required"),
    ])
    func badInputsStopDeliveriesBeforeTheyRun(arguments: [String], message: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("greet.json", Self.greeter)
        try folder.write("leads.json", Self.scenario)
        try folder.write("lead.json", #"{"name": "Ada"}"#)
        let outcome = await CLIHarness(environment: ["NO_COLOR": "1", "REFINERY_WEBHOOK_TOKEN": "greet-hook-0123456789abcdef"], workingDirectory: folder.path)
            .run(arguments + ["--state", "state"])
        #expect(outcome.code == .usage, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/state/greet.state.json"))
    }

    @Test func deliverPassesTheInputsToTheExecution() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("greet.json", Self.greeter)
        try folder.write("lead.json", #"{"name": "Ada"}"#)
        let outcome = await CLIHarness(workingDirectory: folder.path).run("webhook", "deliver", "greet.json", "lead.json", "--input", "greeting=Hi", "--json")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        #expect(try JSONValue(parsing: outcome.stdout)["status"] == "success")
    }
}

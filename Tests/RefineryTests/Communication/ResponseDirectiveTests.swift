import Foundation
import RefineryTesting
import Refinery
import RefineryHTTP
import RefineryJSON
import Testing

@Suite struct ResponseDirectiveTests {
    @Test func iterateWithConditionAndOutput() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/list", "response": {"iterate": {"container": "{{body.data}}", "condition": "{{item.active}}"},
                                       "output": {"key": "{{item.id}}", "label": "#{{item.id}}"}}}
        """#)) { _ in
            .json(["data": [["id": 1, "active": true], ["id": 2, "active": false], ["id": 3, "active": true]]])
        }
        #expect(try await harness.run() == [["key": 1, "label": "#1"], ["key": 3, "label": "#3"]])
    }

    @Test func responseTypeAutomaticAndByStatus() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/t", "response": {"type": {"*": "automatic", "200-299": "text"}, "output": {"raw": "{{body}}"}}}
        """#)) { _ in .json(["a": 1]) }
        #expect(try await harness.run() == [["raw": #"{"a":1}"#]])
        let automatic = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#)) { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("a=1&b=x+y".utf8))
        }
        #expect(try await automatic.run() == [["a": "1", "b": "x y"]])
    }

    @Test func invalidResponseUsesValidsMessageAndType() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/t", "response": {"valid": {"condition": "{{body.ok}}", "message": "refused: {{body.why}}", "type": "DataError"}}}
        """#)) { _ in .json(["ok": false, "why": "quota"]) }
        let error = try #require(await harness.error())
        #expect(error.kind == .data)
        #expect(error.message == "refused: quota")
        #expect(error.code == "http.invalid-response")
    }

    @Test(arguments: [
        (404, ModuleError.Kind.data, "[404] no such contact"),
        (429, .rateLimit, "[429] no such contact"),
        (503, .connection, "[503] no such contact"),
        (400, .runtime, "[400] no such contact"),
    ])
    func statusErrorsAreTypedByDirectiveThenByDefault(status: Int, kind: ModuleError.Kind, message: String) async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#)) { _ in
            .json(["error": "no such contact"], status: status)
        }
        let error = try #require(await harness.error())
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.message == message)
        #expect(error.module == "demo:m")
    }

    @Test func moduleErrorOverridesTheBase() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/t", "response": {"error": {"404": {"message": "gone", "type": "InvalidConfigurationError"}}}}
        """#)) { _ in .json([:], status: 404) }
        let error = try #require(await harness.error())
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message == "gone")
    }

    @Test func wrapperSeesAllOutputs() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/t", "response": {"iterate": "{{body.items}}", "output": "{{item.id}}", "wrapper": {"ids": "{{output}}"}}}
        """#)) { _ in .json(["items": [["id": 1], ["id": 2]]]) }
        #expect(try await harness.run() == [["ids": [1, 2]]])
    }

    @Test func networkFailuresAreConnectionErrors() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#)) { _ in
            throw HTTPTransportError(.connectionFailed, "refused")
        }
        let error = try #require(await harness.error())
        #expect(error.kind == .connection)
        #expect(error.code == "http.network")
    }

    @Test func retryAfterBeyondTheCapIsARateLimitError() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#), retry: RetryPolicy(maxWait: 10)) { _ in
            HTTPResponse(status: 429, headers: ["Retry-After": "120"])
        }
        let error = try #require(await harness.error())
        #expect(error.kind == .rateLimit)
        #expect(error.code == "http.rate-limit")
        #expect(harness.clock.sleeps.isEmpty)
    }

    @Test func getRequestsAreRetriedThroughTheRetrier() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#), retry: RetryPolicy(jitter: 0)) { _ in
            calls.increment() == 1 ? .json([:], status: 503) : .json(["ok": true])
        }
        #expect(try await harness.run() == [["ok": true]])
        #expect(harness.clock.sleeps == [0.5])
    }

    @Test func postIsNotRetriedUnlessMarkedSafe() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t", "method": "POST", "body": {}}"#), retry: RetryPolicy()) { _ in
            calls.increment() == 1 ? .json([:], status: 503) : .json(["ok": true])
        }
        #expect(await harness.error()?.kind == .connection)
        let safe = try InterpreterHarness(module: module("action", communication: #"{"url": "/t", "method": "POST", "body": {}, "retrySafe": true}"#), retry: RetryPolicy()) { _ in
            calls.increment() == 3 ? .json([:], status: 503) : .json(["ok": true])
        }
        #expect(try await safe.run() == [["ok": true]])
    }

    @Test func secretsNeverReachOutputsOrErrors() async throws {
        let key = InterpreterHarness.apiKey
        let harness = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#)) { request in
            let echoed = request.headers["Authorization"] ?? ""
            return .json(["echo": .string(echoed), "nested": ["k": .string("key=\(key)")]])
        }
        let outputs = try await harness.run()
        #expect(!outputs.description.contains(key))
        #expect(outputs.description.contains("<redacted>"))
        let failing = try InterpreterHarness(module: module("action", communication: #"{"url": "/t"}"#)) { _ in
            .json(["error": .string("bad key \(key)")], status: 401)
        }
        let error = try #require(await failing.error())
        #expect(!error.description.contains(key))
    }
}

@Suite struct AuthorizationRedactionTests {
    @Test func derivedAuthorizationCredentialsAreRedactedToo() async throws {
        let app = #"""
        {"name": "basic", "label": "Basic", "base": {"baseUrl": "https://api.test", "headers": {"Authorization": "Basic {{base64(connection.user + ':' + connection.password)}}"}},
         "connection": {"type": "basic", "parameters": [{"name": "user", "type": "text"}, {"name": "password", "type": "text", "secret": true}]}}
        """#
        let (loaded, diagnostics) = try Fixtures.loadApp(["app.json": app, "m.json": module("action", communication: #"{"url": "/me"}"#)])
        let definition = try #require(loaded, "\(diagnostics)")
        #expect(diagnostics.isEmpty)
        let transport = StubTransport { request in
            .json(["echo": .string(request.headers["Authorization"] ?? "")], status: 401)
        }
        let runner = ModuleRunner(app: definition, environment: ModuleEnvironment(transport: transport, clock: VirtualRunClock(), retryPolicy: .none))
        let encoded = Data("ada:hunter22".utf8).base64EncodedString()
        do {
            _ = try await runner.collect("m", input: [:], connection: ["user": "ada", "password": "hunter22"])
            Issue.record("expected a 401 error")
        } catch let error as ModuleError {
            #expect(transport.requests.first?.headers["Authorization"] == "Basic \(encoded)")
            #expect(!error.description.contains(encoded))
            #expect(error.description.contains("<redacted>"))
        }
    }
}

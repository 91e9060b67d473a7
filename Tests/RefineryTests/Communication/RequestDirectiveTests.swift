import Synchronization
import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

@Suite struct RequestDirectiveTests {
    @Test func urlMethodHeadersQueryAndJSONBodyMergeOverTheBase() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/contacts/{{parameters.id}}", "method": "PATCH", "headers": {"X-Trace": "t-{{parameters.id}}", "accept": "text/plain"},
         "qs": {"tags": "{{parameters.tags}}", "filter": {"plan": "growth"}, "missing": "{{parameters.nothing}}"},
         "body": {"email": "{{parameters.email}}", "gone": "{{parameters.nothing}}", "nested": {"n": 1, "z": null}}}
        """#, expect: #"[{"name": "id", "type": "text"}, {"name": "email", "type": "email"}, {"name": "tags", "type": "array"}, {"name": "nothing", "type": "text"}]"#)) { _ in
            .json(["ok": true])
        }
        let outputs = try await harness.run(["id": "c 1", "email": "a@b.co", "tags": ["x", "y"]])
        let request = try #require(harness.transport.requests.first)
        #expect(request.method == .patch)
        #expect(request.target == "https://api.test/v1/contacts/c%201?tags%5B%5D=x&tags%5B%5D=y&filter%5Bplan%5D=growth")
        #expect(request.headers["Authorization"] == "Bearer \(InterpreterHarness.apiKey)")
        #expect(request.headers["Accept"] == "text/plain")
        #expect(request.headers.values("accept").count == 1)
        #expect(request.headers["X-Trace"] == "t-c 1")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(try request.jsonBody() == ["email": "a@b.co", "nested": ["n": 1]])
        #expect(outputs == [["ok": true]])
    }

    @Test func encodeUrlFalseKeepsTheURLAsWritten() async throws {
        let encoded = try InterpreterHarness(module: module("action", communication: #"{"url": "/files/{{parameters.name}}"}"#, expect: #"[{"name": "name", "type": "text"}]"#)) { _ in .json([:]) }
        _ = try await encoded.run(["name": "a b"])
        #expect(encoded.transport.requests.first?.target == "https://api.test/v1/files/a%20b")
        let raw = try InterpreterHarness(module: module("action", communication: #"{"url": "/files/{{parameters.name}}", "encodeUrl": false}"#, expect: #"[{"name": "name", "type": "text"}]"#)) { _ in .json([:]) }
        _ = try await raw.run(["name": "a b"])
        #expect(raw.transport.requests.first?.target == "https://api.test/v1/files/a b")
    }

    @Test func urlencodedBodyUsesBracketKeys() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/identify", "method": "POST", "type": "urlencoded", "body": {"id": "7", "account": {"id": "acme", "tags": ["a", "b"]}}}
        """#)) { _ in .json([:]) }
        _ = try await harness.run()
        let request = try #require(harness.transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "id=7&account%5Bid%5D=acme&account%5Btags%5D%5B%5D=a&account%5Btags%5D%5B%5D=b")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
    }

    @Test func multipartAndTextBodies() async throws {
        let multipart = try InterpreterHarness(module: module("action", communication: #"{"url": "/up", "method": "POST", "type": "multipart/form-data", "body": {"name": "n"}}"#)) { _ in .json([:]) }
        _ = try await multipart.run()
        let first = try #require(multipart.transport.requests.first)
        #expect(first.headers["Content-Type"]?.hasPrefix("multipart/form-data; boundary=") == true)
        #expect(String(decoding: first.body, as: UTF8.self).contains("Content-Disposition: form-data; name=\"name\"\r\n\r\nn\r\n"))
        let text = try InterpreterHarness(module: module("action", communication: #"{"url": "/t", "method": "POST", "type": "text", "body": "hello {{parameters.who}}"}"#, expect: #"[{"name": "who", "type": "text"}]"#)) { _ in .json([:]) }
        _ = try await text.run(["who": "you"])
        #expect(text.transport.requests.first?.body == Array("hello you".utf8))
    }

    @Test func falseConditionSendsNothingAndOutputsTheDefault() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"condition": {"condition": "{{parameters.go}}", "default": {"skipped": true}}, "url": "/x"}
        """#, expect: #"[{"name": "go", "type": "boolean", "default": false}]"#)) { _ in .json([:]) }
        #expect(try await harness.run() == [["skipped": true]])
        #expect(harness.transport.requests.isEmpty)
    }

    @Test func requestsShareTempAndTheLastOneOutputs() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        [{"temp": {"first": "a"}, "url": "/me", "response": {"temp": {"account": "{{body.account}}"}}},
         {"url": "/accounts/{{temp.account}}/{{temp.first}}", "response": {"output": {"name": "{{body.name}}", "from": "{{temp.account}}"}}}]
        """#)) { request in
            request.path.hasSuffix("/me") ? .json(["account": "acc9"]) : .json(["name": "Acme"])
        }
        #expect(try await harness.run() == [["name": "Acme", "from": "acc9"]])
        #expect(harness.transport.requests.map(\.path) == ["/v1/me", "/v1/accounts/acc9/a"])
    }

    @Test func repeatPollsWhileItsConditionHolds() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/job", "repeat": {"condition": "{{body.running}}", "delay": 250, "limit": 5}, "response": {"output": "{{body.result}}"}}
        """#)) { _ in
            calls.increment() < 3 ? .json(["running": true]) : .json(["running": false, "result": "done"])
        }
        #expect(try await harness.run() == ["done"])
        #expect(harness.transport.requests.count == 3)
        #expect(harness.clock.sleeps == [0.25, 0.25])
    }

    @Test func universalModulesOnlyTakeRelativeURLs() async throws {
        let harness = try InterpreterHarness(module: module("universal", communication: #"{"url": "{{parameters.url}}"}"#, expect: #"[{"name": "url", "type": "text"}]"#)) { _ in .json([:]) }
        let error = try #require(await harness.error(["url": "https://evil.example/steal"]))
        #expect(error.kind == .data)
        #expect(harness.transport.requests.isEmpty)
    }

    /// Dot segments cannot climb out of the base path (`https://api.test/v1`), encoded or not.
    @Test(arguments: [
        ("/../../x", "https://api.test/v1/x"),
        ("/contacts/../forms", "https://api.test/v1/forms"),
        ("/%2e%2e/%2E%2e/admin?q=../y", "https://api.test/v1/admin?q=../y"),
        ("/./contacts/./", "https://api.test/v1/contacts/"),
        ("/contacts/..", "https://api.test/v1/"),
        ("/", "https://api.test/v1/"),
        ("/contacts//x", "https://api.test/v1/contacts//x"),
    ])
    func relativeURLsStayUnderTheBasePath(url: String, target: String) async throws {
        let harness = try InterpreterHarness(module: module("universal", communication: #"{"url": "{{parameters.url}}"}"#, expect: #"[{"name": "url", "type": "text"}]"#)) { _ in .json([:]) }
        _ = try await harness.run(["url": .string(url)])
        #expect(harness.transport.requests.first?.target == target)
    }

    @Test func invalidInputSendsNoRequest() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"{"url": "/x"}"#, expect: #"[{"name": "page_length", "type": "uinteger", "validate": {"max": 1000}}]"#)) { _ in .json([:]) }
        let error = try #require(await harness.error(["page_length": 1001]))
        #expect(error.kind == .data)
        #expect(error.field == "page_length")
        #expect(error.rule == "max")
        #expect(harness.transport.requests.isEmpty)
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)

    /// Increments and returns the new value.
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }

    var current: Int { value.withLock { $0 } }
}

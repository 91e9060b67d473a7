import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// `http:MakeRequest` in process: bodies, response parsing, error statuses, redirects, retries, input checks.
@Suite struct MakeRequestModuleTests {
    static func echo() -> StubTransport {
        StubTransport(handler: { _ in .json(["ok": true]) })
    }

    struct BodyCase: Sendable, CustomTestStringConvertible {
        let mapper: String
        let contentType: String
        let body: String
        var testDescription: String { contentType }
    }

    static let bodies: [BodyCase] = [
        BodyCase(mapper: #""contentType": "json", "inputMethod": "jsonString", "jsonStringBodyContent": "{\"a\": {{1 + 1}}}""#,
                 contentType: "application/json", body: #"{"a": 2}"#),
        BodyCase(mapper: #""contentType": "json", "inputMethod": "dataStructure", "dataStructureBodyContent": {"a": "{{1 + 1}}", "b": [true]}"#,
                 contentType: "application/json", body: #"{"a":2,"b":[true]}"#),
        BodyCase(mapper: #""contentType": "x-www-form-urlencoded", "formBodyContent": [{"name": "q", "value": "a b&c"}, {"name": "n", "value": 7}]"#,
                 contentType: "application/x-www-form-urlencoded", body: "q=a%20b%26c&n=7"),
        BodyCase(mapper: #""contentType": "text/plain", "bodyContent": "hello {{upper(\"x\")}}""#, contentType: "text/plain", body: "hello X"),
    ]

    @Test(arguments: bodies) func eachBodyTypeIsSentWithItsContentType(_ testCase: BodyCase) async throws {
        let transport = Self.echo()
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: #"{"url": "https://api.test/in", "method": "post", \#(testCase.mapper)}"#)
        #expect(outcome.report.status == .success, "\(outcome.report.errors.map(\.line))")
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.headers["Content-Type"] == testCase.contentType)
        #expect(String(decoding: request.body, as: UTF8.self) == testCase.body)
    }

    @Test func headersAndQueryParametersAreSentAsMapped() async throws {
        let transport = Self.echo()
        _ = try await MakeRequestHarness(transport: transport).run(mapper: #"""
        {"url": "https://api.test/s?x=1", "method": "get", "headers": [{"name": "Accept", "value": "*/*"}, {"name": "", "value": "dropped"}],
         "queryParameters": [{"name": "q", "value": "a b"}, {"name": "page", "value": 2}]}
        """#)
        let request = try #require(transport.requests.first)
        #expect(request.target == "https://api.test/s?x=1&q=a%20b&page=2")
        #expect(request.headers["Accept"] == "*/*")
        #expect(request.headers.count == 1)
        #expect(request.body.isEmpty)
    }

    /// Make's export: `contentType: "multipart"` with text and file fields.
    @Test func multipartFieldsAsExported() async throws {
        let transport = Self.echo()
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: """
        {"url": "https://api.test/in", "method": "post", "contentType": "multipart", "multipartBodyContent": [
          {"name": "pine_id", "value": "{{1 + 1}}", "multipartFieldType": "text"},
          {"name": "file", "multipartFieldType": "file", "data": "a,b\\n1,2", "fileName": "report.csv"},
          {"name": "", "value": "an empty row", "multipartFieldType": "text"}]}
        """)
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        let request = try #require(transport.requests.first)
        let type = try #require(request.headers["Content-Type"])
        #expect(type.hasPrefix("multipart/form-data; boundary=refinery-"))
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains("Content-Disposition: form-data; name=\"pine_id\"\r\n\r\n2\r\n"))
        #expect(body.contains("name=\"file\"; filename=\"report.csv\"\r\nContent-Type: application/octet-stream\r\n\r\na,b\n1,2\r\n"))
        #expect(!body.contains("an empty row"))
    }

    @Test func anUnknownMultipartFieldTypeIsRefusedBeforeSending() async throws {
        let transport = Self.echo()
        let outcome = try await MakeRequestHarness(transport: transport).run(
            mapper: #"{"url": "https://api.test/in", "method": "post", "contentType": "multipart", "multipartBodyContent": [{"name": "a", "multipartFieldType": "blob"}]}"#
        )
        #expect(outcome.error?.type == "DataError")
        #expect(transport.requests.isEmpty)
    }

    @Test(arguments: [true, false]) func parseResponseGivesDataOrText(_ parse: Bool) async throws {
        let transport = StubTransport(handler: { request in
            request.path == "/form"
                ? HTTPResponse(status: 200, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("a=1&b=x+y".utf8))
                : .json(["items": [1, 2]], headers: ["X-Request-Id": "r-1"])
        })
        let harness = MakeRequestHarness(transport: transport)
        let json = try #require(try await harness.run(mapper: #"{"url": "https://api.test/json", "parseResponse": \#(parse)}"#).bundle)
        let form = try #require(try await harness.run(mapper: #"{"url": "https://api.test/form", "parseResponse": \#(parse)}"#).bundle)
        #expect(json["statusCode"] == 200)
        #expect(json["headers"]?["x-request-id"] == "r-1")
        if parse {
            #expect(json["data"] == ["items": [1, 2]])
            #expect(form["data"] == ["a": "1", "b": "x y"])
        } else {
            #expect(json["data"] == .string(#"{"items":[1,2]}"#))
            #expect(form["data"] == "a=1&b=x+y")
        }
    }

    @Test(arguments: [(404, "RuntimeError"), (429, "RateLimitError"), (500, "ConnectionError")])
    func anErrorStatusIsAnErrorWithStopOnHttpError(_ status: Int, _ type: String) async throws {
        let transport = StubTransport(handler: { _ in .text("nope", status: status) })
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: #"{"url": "https://api.test/x", "method": "post", "stopOnHttpError": true}"#)
        let error = try #require(outcome.error)
        #expect(error.type == type)
        #expect(error.status == status)
        #expect(error.body == "nope")
        #expect(error.module == "http:MakeRequest")
        #expect(outcome.bundles.isEmpty)
    }

    @Test func withoutStopOnHttpErrorTheStatusIsOutput() async throws {
        let transport = StubTransport(handler: { _ in .text("nope", status: 404) })
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: #"{"url": "https://api.test/x", "stopOnHttpError": false}"#)
        #expect(outcome.report.status == .success)
        #expect(outcome.bundle?["statusCode"] == 404)
        #expect(outcome.bundle?["data"] == "nope")
    }

    static func redirecting(to location: String) -> StubTransport {
        StubTransport(handler: { request in
            request.path == "/old" ? HTTPResponse(status: 302, headers: ["Location": location]) : .json(["at": .string(request.target)])
        })
    }

    @Test func aSameOriginRedirectIsFollowedWithItsCredentials() async throws {
        let transport = Self.redirecting(to: "/new")
        var harness = MakeRequestHarness(transport: transport)
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_CRM_TOKEN": "token-123456"])
        let outcome = try await harness.run(mapper: #"{"url": "https://api.test/old", "parseResponse": true}"#,
                                            parameters: #"{"authenticationType": "bearer", "bearerKeychain": "crm"}"#)
        #expect(outcome.bundle?["data"]?["at"] == "https://api.test/new")
        #expect(transport.requests.count == 2)
        #expect(transport.requests.last?.headers["Authorization"] == "Bearer token-123456")
    }

    @Test func aCrossOriginRedirectWithCredentialsIsRefused() async throws {
        let transport = Self.redirecting(to: "https://elsewhere.test/new")
        var harness = MakeRequestHarness(transport: transport)
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_CRM_TOKEN": "token-123456"])
        let outcome = try await harness.run(mapper: #"{"url": "https://api.test/old"}"#, parameters: #"{"authenticationType": "bearer", "bearerKeychain": "crm"}"#)
        let error = try #require(outcome.error)
        #expect(error.type == "ConnectionError")
        #expect(error.message.contains("https://elsewhere.test"))
        #expect(transport.requests.count == 1)
    }

    @Test func withoutAConnectionACrossOriginRedirectIsFollowedWithoutCredentialHeaders() async throws {
        let transport = Self.redirecting(to: "https://elsewhere.test/new")
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: #"{"url": "https://api.test/old", "headers": [{"name": "Authorization", "value": "Bearer mapped"}]}"#)
        #expect(outcome.report.status == .success)
        #expect(transport.requests.count == 2)
        #expect(transport.requests.last?.headers["Authorization"] == nil)
    }

    @Test func allowRedirectsFalseOutputsTheRedirect() async throws {
        let transport = Self.redirecting(to: "/new")
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: #"{"url": "https://api.test/old", "allowRedirects": false}"#)
        #expect(outcome.bundle?["statusCode"] == 302)
        #expect(outcome.bundle?["headers"]?["location"] == "/new")
        #expect(transport.requests.count == 1)
    }

    static func unavailableOnce() -> StubTransport {
        StubTransport([.response(.text("busy", status: 503, headers: ["Retry-After": "7"])), .response(.json(["ok": true]))])
    }

    @Test func aGetIsRetriedAfterRetryAfterOnTheVirtualClock() async throws {
        let transport = Self.unavailableOnce()
        var harness = MakeRequestHarness(transport: transport)
        harness.retryPolicy = RetryPolicy()
        let outcome = try await harness.run(mapper: #"{"url": "https://api.test/x", "method": "get"}"#)
        #expect(outcome.bundle?["statusCode"] == 200)
        #expect(transport.requests.count == 2)
        #expect(harness.clock.sleeps == [7])
    }

    @Test func aPostIsNotRetried() async throws {
        let transport = Self.unavailableOnce()
        var harness = MakeRequestHarness(transport: transport)
        harness.retryPolicy = RetryPolicy()
        let outcome = try await harness.run(mapper: #"{"url": "https://api.test/x", "method": "post"}"#)
        #expect(outcome.error?.type == "ConnectionError")
        #expect(outcome.error?.status == 503)
        #expect(transport.requests.count == 1)
        #expect(harness.clock.sleeps.isEmpty)
    }

    @Test func theTimeoutCapsTheCallDeadline() async throws {
        let transport = Self.unavailableOnce()
        var harness = MakeRequestHarness(transport: transport)
        harness.retryPolicy = RetryPolicy()
        // Retry-After 7 s does not fit in a 5 s timeout: the call ends instead of waiting.
        let outcome = try await harness.run(mapper: #"{"url": "https://api.test/x", "timeout": "5"}"#)
        #expect(outcome.error?.type == "ConnectionError")
        #expect(outcome.error?.message.contains("deadline of 5 s") == true)
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: [
        (#"{"method": "get"}"#, "url"),
        (#"{"url": "{{\"ftp://files.test/x\"}}"}"#, "absolute http or https"),
        (#"{"url": "{{\"/relative\"}}"}"#, "absolute http or https"),
        (#"{"url": "{{\"\"}}"}"#, "needs a 'url'"),
        (#"{"url": "https://api.test/x", "method": "{{\"fetch\"}}"}"#, "unknown method 'fetch'"),
        (#"{"url": "https://api.test/x", "contentType": "yaml"}"#, "unknown contentType 'yaml'"),
        (#"{"url": "https://api.test/x", "headers": "Accept: */*"}"#, "'headers' must be"),
    ])
    func invalidInputIsADataErrorBeforeAnythingIsSent(_ mapper: String, _ message: String) async throws {
        let transport = Self.echo()
        let outcome = try await MakeRequestHarness(transport: transport).run(mapper: mapper)
        let error = try #require(outcome.error)
        #expect(error.type == "DataError")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(transport.requests.isEmpty)
    }
}

/// What `validate` sees before anything runs, and Make's export shape.
@Suite struct MakeRequestValidationTests {
    @Test(arguments: [
        (#"{"url": "ftp://files.test/x"}"#, "{}"),
        (#"{"url": "https://api.test/x", "method": "fetch"}"#, "{}"),
        (#"{"url": "https://api.test/x", "parseResponse": "sometimes"}"#, "{}"),
        (#"{"url": "https://api.test/x"}"#, #"{"authenticationType": "digest"}"#),
    ])
    func staticMistakesAreReportedAtLoad(_ mapper: String, _ parameters: String) {
        let problems = MakeRequestHarness.problems(MakeRequestHarness.blueprint(mapper: mapper, parameters: parameters))
        #expect(problems == ["scenario.invalid-value"])
    }

    @Test func unknownMapperKeysOfExportsAreAccepted() {
        let problems = MakeRequestHarness.problems(MakeRequestHarness.blueprint(
            mapper: #"{"url": "https://api.test/x", "shareCookies": false, "requestCompressedContent": true, "serializeUrl": false}"#,
            parameters: #"{"authenticationType": "noAuth", "tlsType": "", "proxyKeychain": ""}"#
        ))
        #expect(problems.isEmpty)
    }

    /// The example mapper of make-builtins.md, fed by a `json:CreateJSON` numbered 11 as in the export.
    static let exported = #"""
    {"name": "Export", "flow": [
      {"id": 11, "module": "json:CreateJSON", "version": 1, "parameters": {"type": 1, "space": ""}, "mapper": {"text": "hello", "n": 3},
       "metadata": {"designer": {"x": 0, "y": 0}}},
      {"id": 1, "module": "http:MakeRequest", "version": 4,
       "parameters": {"authenticationType": "apiKey", "tlsType": "", "apiKeyKeychain": 12345, "proxyKeychain": ""},
       "mapper": {"url": "https://api.example.com/path", "method": "post", "contentType": "json", "inputMethod": "jsonString", "shareCookies": false, "parseResponse": true, "allowRedirects": true, "stopOnHttpError": true, "jsonStringBodyContent": "{{11.json}}", "requestCompressedContent": true},
       "metadata": {"designer": {"x": 300, "y": 0}, "restore": {}, "expect": [], "parameters": []}}],
     "metadata": {"instant": false, "version": 1, "scenario": {"roundtrips": 1, "maxErrors": 3}, "designer": {"orphans": []}, "zone": "eu1.make.com"}}
    """#

    @Test func aBlueprintInMakesExportShapeValidatesAndRuns() async throws {
        #expect(MakeRequestHarness.problems(Self.exported).isEmpty)
        let transport = StubTransport(handler: { _ in .json(["id": 99], status: 201) })
        var harness = MakeRequestHarness(transport: transport)
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_12345_API_KEY": "export-key-1", "REFINERY_HTTP_12345_API_KEY_NAME": "X-Api-Key"])
        let outcome = try await harness.run(blueprint: Self.exported)
        #expect(outcome.report.status == .success, "\(outcome.report.errors.map(\.line))")
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.target == "https://api.example.com/path")
        #expect(request.headers["X-Api-Key"] == "export-key-1")
        #expect(try request.jsonBody() == ["text": "hello", "n": 3])
        #expect(outcome.bundle == ["statusCode": 201, "headers": ["content-type": "application/json; charset=utf-8"], "data": ["id": 99]])
    }
}

import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Each authentication type reaches a loopback receiver with its credentials where they belong, and
/// the secret never shows in the output bundle or the run report.
@Suite struct MakeRequestAuthTests {
    static let secret = "s3cr3t-Value-4711"

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let parameters: String
        let variables: [String: String]
        /// What the receiver must see: a header (name, value) or a query item.
        let header: (String, String)?
        let queryItem: (String, String)?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "basicAuth", parameters: #"{"authenticationType": "basicAuth", "basicAuthKeychain": "crm"}"#,
             variables: ["REFINERY_HTTP_CRM_USER": "ann", "REFINERY_HTTP_CRM_PASSWORD": secret],
             header: ("Authorization", "Basic " + Data("ann:\(secret)".utf8).base64EncodedString()), queryItem: nil),
        Case(label: "apiKey in a header", parameters: #"{"authenticationType": "apiKey", "apiKeyKeychain": 12345, "tlsType": ""}"#,
             variables: ["REFINERY_HTTP_12345_API_KEY": secret, "REFINERY_HTTP_12345_API_KEY_NAME": "X-Token"],
             header: ("X-Token", secret), queryItem: nil),
        Case(label: "apiKey in the query", parameters: #"{"authenticationType": "apiKey", "apiKeyKeychain": "my-crm"}"#,
             variables: ["REFINERY_HTTP_MY_CRM_API_KEY": secret, "REFINERY_HTTP_MY_CRM_API_KEY_NAME": "key", "REFINERY_HTTP_MY_CRM_API_KEY_IN": "query"],
             header: nil, queryItem: ("key", secret)),
        Case(label: "apiKey with a token", parameters: #"{"authenticationType": "apiKey", "apiKeyKeychain": "crm"}"#,
             variables: ["REFINERY_HTTP_CRM_TOKEN": secret], header: ("Authorization", "Bearer \(secret)"), queryItem: nil),
        Case(label: "bearer", parameters: #"{"authenticationType": "bearer", "bearerKeychain": "crm"}"#,
             variables: ["REFINERY_HTTP_CRM_TOKEN": secret], header: ("Authorization", "Bearer \(secret)"), queryItem: nil),
    ]

    @Test(arguments: cases) func credentialsReachTheReceiverAndNothingElse(_ testCase: Case) async throws {
        let receiver = RecordingReceiver()
        let server = try HTTPServer(handler: receiver, port: 0)
        try server.start()
        var harness = MakeRequestHarness(transport: URLSessionTransport())
        harness.connections = HTTPConnections(environment: testCase.variables)
        // The receiver's answer echoes the secret back: the output must mask it.
        let outcome = try await harness.run(
            mapper: #"{"url": "\#(server.baseURL)/hook", "method": "get", "headers": [{"name": "X-Echo", "value": "\#(Self.secret)"}], "parseResponse": true}"#,
            parameters: testCase.parameters
        )
        await server.stop()
        let request = try #require(receiver.requests.values.first)
        if let (name, value) = testCase.header { #expect(request.headers[name] == value) }
        if let (name, value) = testCase.queryItem { #expect(request.queryItems.contains { $0.name == name && $0.value == value }) }
        #expect(request.path == "/hook")
        #expect(outcome.report.status == .success, "\(outcome.report.errors.map(\.line))")
        let bundle = try #require(outcome.bundle)
        #expect(bundle["statusCode"] == 200)
        #expect(bundle["data"]?["ok"] == true)
        #expect(!bundle.serialized().contains(Self.secret))
        #expect(!SecretEchoes.reveal(Self.secret, in: "\(outcome.report)"))
    }

    @Test func anErrorNeverShowsTheSecretTheServerEchoes() async throws {
        let transport = StubTransport(handler: { request in
            .text("denied for \(request.headers["Authorization"] ?? "")", status: 401)
        })
        var harness = MakeRequestHarness(transport: transport)
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_CRM_TOKEN": Self.secret])
        let outcome = try await harness.run(mapper: #"{"url": "https://crm.test/x", "method": "get"}"#,
                                            parameters: #"{"authenticationType": "bearer", "bearerKeychain": "crm"}"#)
        let error = try #require(outcome.error)
        #expect(error.type == "RuntimeError")
        #expect(error.status == 401)
        #expect(error.message.contains("<redacted>"))
        #expect(!error.message.contains(Self.secret) && !(error.body ?? "").contains(Self.secret))
    }

    @Test func aMissingConnectionNamesItsVariablesAndSendsNothing() async throws {
        let transport = StubTransport(statuses: [200])
        let outcome = try await MakeRequestHarness(transport: transport)
            .run(mapper: #"{"url": "https://crm.test/x"}"#, parameters: #"{"authenticationType": "basicAuth", "basicAuthKeychain": "crm"}"#)
        let error = try #require(outcome.error)
        #expect(error.type == "InvalidConfigurationError")
        #expect(error.message.contains("REFINERY_HTTP_CRM_USER"))
        #expect(transport.requests.isEmpty)
    }

    @Test func aConnectionURLIsUsedWhenTheMapperHasNoneAndStaysSecret() async throws {
        let hook = "https://hooks.slack.test/services/T000/B000/\(Self.secret)"
        let transport = StubTransport(handler: { request in .text("no such hook: \(request.target)", status: 200) })
        var harness = MakeRequestHarness(transport: transport)
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_SLACK_URL": hook])
        let outcome = try await harness.run(
            mapper: #"{"method": "post", "contentType": "json", "inputMethod": "jsonString", "jsonStringBodyContent": "{\"text\": \"hi\"}"}"#,
            parameters: #"{"authenticationType": "noAuth", "connection": "slack"}"#
        )
        #expect(transport.requests.first?.target == hook)
        let bundle = try #require(outcome.bundle)
        #expect(!bundle.serialized().contains(Self.secret))
        #expect(bundle["data"]?.stringValue?.contains("<redacted>") == true)
    }

    @Test func variablesAreReadIntoNamedConnections() {
        let connections = HTTPConnections(environment: [
            "REFINERY_HTTP_CRM_API_KEY": "k1", "REFINERY_HTTP_CRM_API_KEY_NAME": "X-Key", "REFINERY_HTTP_CRM_API_KEY_IN": "query",
            "REFINERY_HTTP_MY_CRM_TOKEN": "t1", "REFINERY_OTHER": "x",
        ])
        #expect(connections["crm"]?[.apiKey] == "k1")
        #expect(connections["CRM"]?[.apiKeyName] == "X-Key")
        #expect(connections["crm"]?[.apiKeyIn] == "query")
        #expect(connections["my-crm"]?[.token] == "t1")
        #expect(connections["other"] == nil)
        #expect(Set(connections.secrets.map(\.value)) == ["k1", "t1"])
    }
}

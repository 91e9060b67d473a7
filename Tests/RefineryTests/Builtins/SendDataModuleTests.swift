import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Make's version 3 HTTP modules, as exported: their keys become `http:MakeRequest`'s, and the request
/// is that module's.
@Suite struct SendDataModuleTests {
    static func blueprint(_ module: String, mapper: String, parameters: String = #"{"handleErrors": false}"#) -> String {
        """
        {"name": "v3", "flow": [{"id": 1, "module": "\(module)", "version": 3, "parameters": \(parameters), "mapper": \(mapper)}], "metadata": {}}
        """
    }

    @Test func aRawJSONPostAsExported() async throws {
        let receiver = RecordingReceiver()
        let outcome = try await MakeRequestHarness(transport: InProcessTransport(handler: receiver)).run(blueprint: Self.blueprint("http:ActionSendData", mapper: """
        {"ca": "", "qs": [{"name": "source", "value": "refinery"}], "url": "https://api.example.com/path", "gzip": true, "method": "post",
         "headers": [{"name": "X-Trace", "value": "1"}], "timeout": "", "useMtls": false, "authPass": "", "authUser": "", "bodyType": "raw",
         "serializeUrl": false, "shareCookies": false, "parseResponse": true, "followRedirect": true, "useQuerystring": false,
         "followAllRedirects": false, "rejectUnauthorized": true, "data": "{\\"name\\": \\"juanito\\"}", "contentType": "application/json"}
        """))
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        let sent = try #require(receiver.requests.values.first)
        #expect(sent.method == .post)
        #expect(sent.queryItems.contains { $0 == ("source", "refinery") })
        #expect(sent.headers["X-Trace"] == "1")
        #expect(try sent.jsonBody() == ["name": "juanito"])
        #expect(outcome.bundle?["statusCode"] == 200)
        #expect(outcome.bundle?["data"]?["ok"] == true)
    }

    @Test func formFieldsAndTheAPIKeyKeychain() async throws {
        let receiver = RecordingReceiver()
        var harness = MakeRequestHarness(transport: InProcessTransport(handler: receiver))
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_7788_API_KEY": "crm-key-0123456789", "REFINERY_HTTP_7788_API_KEY_NAME": "X-Key"])
        let outcome = try await harness.run(blueprint: Self.blueprint("http:ActionSendDataAPIKeyAuth", mapper: """
        {"url": "https://crm.example.com/leads", "method": "post", "bodyType": "x_www_form_urlencoded",
         "formFields": [{"key": "email", "value": "a@x.io"}]}
        """, parameters: #"{"auth": 7788, "handleErrors": false}"#))
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        let sent = try #require(receiver.requests.values.first)
        #expect(sent.headers["X-Key"] == "crm-key-0123456789")
        #expect(String(decoding: sent.body, as: UTF8.self) == "email=a%40x.io")
        let output = outcome.bundle?.serialized() ?? ""
        #expect(!output.contains("crm-key-0123456789"))
    }

    /// Credentials written in the blueprint are never sent: they belong in a connection.
    @Test func inlineCredentialsAreRefused() async throws {
        let receiver = RecordingReceiver()
        let outcome = try await MakeRequestHarness(transport: InProcessTransport(handler: receiver)).run(blueprint: Self.blueprint("http:ActionSendData", mapper: """
        {"url": "https://api.example.com/path", "method": "get", "authUser": "admin", "authPass": "hunter2"}
        """))
        #expect(outcome.error?.type == "DataError")
        #expect(receiver.requests.values.isEmpty)
        let message = outcome.error?.message ?? ""
        #expect(!message.contains("hunter2"))
    }
}

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

    @Test func basicAuthNamesItsKeychainInKey() async throws {
        let receiver = RecordingReceiver()
        var harness = MakeRequestHarness(transport: InProcessTransport(handler: receiver))
        harness.connections = HTTPConnections(environment: ["REFINERY_HTTP_4242_USER": "ops", "REFINERY_HTTP_4242_PASSWORD": "pass-0123456789"])
        let outcome = try await harness.run(blueprint: Self.blueprint("http:ActionSendDataBasicAuth", mapper: """
        {"url": "https://crm.example.com/leads", "method": "get", "qs": [], "headers": [], "bodyType": ""}
        """, parameters: #"{"key": 4242, "handleErrors": true}"#))
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        let sent = try #require(receiver.requests.values.first)
        #expect(sent.headers["Authorization"] == "Basic " + Data("ops:pass-0123456789".utf8).base64EncodedString())
    }

    @Test func multipartFormDataFields() async throws {
        let receiver = RecordingReceiver()
        let outcome = try await MakeRequestHarness(transport: InProcessTransport(handler: receiver)).run(blueprint: Self.blueprint("http:ActionSendData", mapper: """
        {"url": "https://api.example.com/upload", "method": "post", "bodyType": "multipart_form_data", "formDataFields": [
          {"key": "message", "value": "Hi there", "fieldType": "text"},
          {"key": "doc", "fieldType": "file", "data": "hello", "fileName": "hello.txt"}]}
        """))
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        let sent = try #require(receiver.requests.values.first)
        let body = String(decoding: sent.body, as: UTF8.self)
        #expect(sent.headers["Content-Type"]?.hasPrefix("multipart/form-data; boundary=") == true)
        #expect(body.contains("name=\"message\"\r\n\r\nHi there\r\n"))
        #expect(body.contains("name=\"doc\"; filename=\"hello.txt\""))
    }

    struct FileCase: Sendable, CustomTestStringConvertible {
        let url: String
        let disposition: String?
        let fileName: String
        var testDescription: String { fileName }
    }

    @Test(arguments: [
        FileCase(url: "https://files.example.com/exports/report.csv?x=1", disposition: nil, fileName: "report.csv"),
        FileCase(url: "https://files.example.com/download", disposition: #"attachment; filename="q3 leads.csv""#, fileName: "q3 leads.csv"),
        FileCase(url: "https://files.example.com/", disposition: "inline", fileName: "file"),
    ])
    func getFileGivesTheFile(_ example: FileCase) async throws {
        let transport = StubTransport(handler: { _ in
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            if let disposition = example.disposition { headers["Content-Disposition"] = disposition }
            return HTTPResponse(status: 200, headers: headers, body: Array("id,score\n1,9\n".utf8))
        })
        let outcome = try await MakeRequestHarness(transport: transport).run(blueprint: Self.blueprint("http:ActionGetFile", mapper: """
        {"url": "\(example.url)", "method": "get", "serializeUrl": true, "shareCookies": true}
        """))
        #expect(outcome.report.status == .success, "\(outcome.report.errors)")
        #expect(outcome.bundle?["fileName"]?.stringValue == example.fileName)
        #expect(outcome.bundle?["data"] == "id,score\n1,9\n")
        #expect(outcome.bundle?["fileSize"] == 13)
        #expect(outcome.bundle?["statusCode"] == 200)
    }

    @Test func getFileWithHandleErrorsFailsOnAnErrorStatus() async throws {
        let transport = StubTransport(handler: { _ in HTTPResponse(status: 404, body: Array("gone".utf8)) })
        let outcome = try await MakeRequestHarness(transport: transport).run(blueprint: Self.blueprint(
            "http:ActionGetFile", mapper: #"{"url": "https://files.example.com/x.pdf", "method": "get"}"#, parameters: #"{"handleErrors": true}"#
        ))
        #expect(outcome.error?.type == "RuntimeError")
    }
}

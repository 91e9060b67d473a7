import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// A one-module app on a scripted transport and a virtual clock.
struct InterpreterHarness {
    static let apiKey = "test-secret-key-42"
    static let app = #"""
    {"name": "demo", "label": "Demo",
     "base": {"baseUrl": "{{connection.baseUrl}}", "headers": {"Authorization": "Bearer {{connection.apiKey}}", "Accept": "application/json"},
              "response": {"error": {"message": "[{{statusCode}}] {{body.error}}", "404": {"type": "DataError"}}}},
     "connection": {"type": "apiKey", "parameters": [{"name": "apiKey", "type": "text", "secret": true, "required": true},
                                                     {"name": "baseUrl", "type": "url"}]}}
    """#

    let runner: ModuleRunner
    let transport: StubTransport
    let clock: VirtualRunClock

    init(module: String, retry: RetryPolicy = .none, maxPages: Int = 100, handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) throws {
        let (app, diagnostics) = try Fixtures.loadApp(["app.json": Self.app, "m.json": module])
        guard let app, diagnostics.isEmpty else { throw Fixtures.FixtureError(description: diagnostics.map(\.description).joined(separator: "\n")) }
        clock = VirtualRunClock()
        transport = StubTransport(handler: handler)
        runner = ModuleRunner(app: app, environment: ModuleEnvironment(transport: transport, clock: clock, retryPolicy: retry, random: { 0 }, maxPages: maxPages))
    }

    static let connection: JSONObject = ["apiKey": .string(apiKey), "baseUrl": "https://api.test/v1"]

    func run(_ input: JSONObject = [:], position: TriggerPosition? = nil) async throws -> [JSONValue] {
        try await runner.collect("m", input: input, connection: Self.connection, position: position).map(\.bundle)
    }

    func error(_ input: JSONObject = [:]) async -> ModuleError? {
        do {
            _ = try await run(input)
            return nil
        } catch {
            return error as? ModuleError
        }
    }
}

/// A list endpoint over `count` numbered items, `pageLength` per page, with a cursor (the next offset).
struct PagedServer {
    var count: Int
    var pageLength: Int

    func page(_ request: HTTPRequest) -> HTTPResponse {
        let cursor = request.queryItems.first { $0.name == "cursor" }.flatMap { Int($0.value) } ?? 0
        let end = min(cursor + pageLength, count)
        let items = (cursor..<end).map { JSONValue.object(["id": .int($0 + 1)]) }
        let next: JSONValue = end < count ? .string(String(end)) : .null
        return .json(["items": .array(items), "next": next])
    }
}

func module(_ kind: String = "search", communication: String, expect: String = "[]") -> String {
    #"{"name": "m", "label": "M", "type": "\#(kind)", "expect": \#(expect), "communication": \#(communication)}"#
}

import Foundation
import RefineryTesting
import Refinery
import RefineryHTTP
import RefineryJSON
import Testing

@Suite struct TriggerTests {
    /// Responses newest first: ids 10 down to 1, dates one minute apart, two per page.
    static let trigger = module("trigger", communication: #"""
    {"url": "/responses", "pagination": {"qs": {"cursor": "{{body.next}}"}, "condition": "{{body.next}}"},
     "response": {"iterate": "{{body.items}}", "output": {"id": "{{item.id}}"}, "limit": "{{parameters.limit}}",
                  "trigger": {"type": "date", "order": "desc", "id": "{{item.id}}", "date": "{{item.at}}"}}}
    """#, expect: #"[{"name": "limit", "type": "uinteger", "default": 10}]"#)

    static func newestFirst(_ request: HTTPRequest) -> HTTPResponse {
        let start = request.queryItems.first { $0.name == "cursor" }.flatMap { Int($0.value) } ?? 10
        let ids = stride(from: start, to: max(start - 2, 0), by: -1)
        let items = ids.map { JSONValue.object(["id": .int($0), "at": .string("2026-10-12T09:\(String(format: "%02d", $0)):00.000000Z")]) }
        return .json(["items": .array(items), "next": start - 2 > 0 ? .string(String(start - 2)) : .null])
    }

    @Test func onlyNewItemsOldestFirstAndPagingStopsAtThePosition() async throws {
        let harness = try InterpreterHarness(module: Self.trigger) { Self.newestFirst($0) }
        let position = AppTriggerPosition(lastDate: "2026-10-12 09:06:00", idsAtLastDate: [6])
        let outputs = try await harness.runner.collect("m", input: [:], connection: InterpreterHarness.connection, position: position)
        #expect(outputs.map(\.value) == [["id": 7], ["id": 8], ["id": 9], ["id": 10]])
        #expect(outputs.last?.triggerKey?.date == "2026-10-12T09:10:00.000000Z")
        #expect(harness.transport.requests.count == 3)
    }

    @Test func limitKeepsTheOldestNewItems() async throws {
        let harness = try InterpreterHarness(module: Self.trigger) { Self.newestFirst($0) }
        let position = AppTriggerPosition(lastDate: "2026-10-12T09:02:00Z", idsAtLastDate: [2])
        let outputs = try await harness.run(["limit": 3], position: position)
        #expect(outputs == [["id": 3], ["id": 4], ["id": 5]])
    }

    @Test func withoutAPositionTheNewestLimitItemsComeOldestFirst() async throws {
        let harness = try InterpreterHarness(module: Self.trigger) { Self.newestFirst($0) }
        #expect(try await harness.run(["limit": 3]) == [["id": 8], ["id": 9], ["id": 10]])
        #expect(harness.transport.requests.count == 2)
    }
}

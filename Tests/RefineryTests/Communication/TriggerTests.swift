import Foundation
import IML
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
        let position = TriggerPosition(lastDate: ISODate.parse("2026-10-12 09:06:00"), sameDateIds: ["6"])
        let outputs = try await harness.runner.collect("m", input: [:], connection: InterpreterHarness.connection, position: position)
        #expect(outputs.map(\.bundle) == [["id": 7], ["id": 8], ["id": 9], ["id": 10]])
        #expect(outputs.last?.key?.date == ISODate.parse("2026-10-12T09:10:00Z"))
        #expect(harness.transport.requests.count == 3)
    }

    @Test func limitKeepsTheOldestNewItems() async throws {
        let harness = try InterpreterHarness(module: Self.trigger) { Self.newestFirst($0) }
        let position = TriggerPosition(lastDate: ISODate.parse("2026-10-12T09:02:00Z"), sameDateIds: ["2"])
        let outputs = try await harness.run(["limit": 3], position: position)
        #expect(outputs == [["id": 3], ["id": 4], ["id": 5]])
    }

    @Test func withoutAPositionTheNewestLimitItemsComeOldestFirst() async throws {
        let harness = try InterpreterHarness(module: Self.trigger) { Self.newestFirst($0) }
        #expect(try await harness.run(["limit": 3]) == [["id": 8], ["id": 9], ["id": 10]])
        #expect(harness.transport.requests.count == 2)
    }

    /// 64-bit ids above 2^53 are distinct integers, not doubles that collide.
    @Test func integerIdsAbove2To53StayDistinctAndOrdered() async throws {
        let trigger = module("trigger", communication: #"""
        {"url": "/items", "response": {"iterate": "{{body.items}}", "output": {"id": "{{item.id}}"},
                                       "trigger": {"type": "id", "order": "desc", "id": "{{item.id}}"}}}
        """#)
        let items: JSONValue = ["items": [["id": 9_007_199_254_740_994], ["id": 9_007_199_254_740_993], ["id": 9_007_199_254_740_992]]]
        let harness = try InterpreterHarness(module: trigger) { _ in .json(items) }
        let all = try await harness.runner.collect("m", input: [:], connection: InterpreterHarness.connection)
        #expect(all.compactMap { $0.key?.id } == ["9007199254740992", "9007199254740993", "9007199254740994"])
        let after = try await harness.runner.collect(
            "m", input: [:], connection: InterpreterHarness.connection, position: TriggerPosition(lastId: "9007199254740992")
        )
        #expect(after.map(\.bundle) == [["id": 9_007_199_254_740_993], ["id": 9_007_199_254_740_994]])
    }
}

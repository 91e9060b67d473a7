import Foundation
import RefineryTesting
import Refinery
import RefineryHTTP
import RefineryJSON
import Testing

@Suite struct PaginationTests {
    static let cursorModule = module(communication: #"""
    {"url": "/items", "qs": {"size": 3},
     "pagination": {"qs": {"cursor": "{{body.next}}"}, "condition": "{{body.next}}"},
     "response": {"iterate": "{{body.items}}", "output": "{{item.id}}", "limit": "{{parameters.limit}}"}}
    """#, expect: #"[{"name": "limit", "type": "uinteger"}]"#)

    @Test func cursorPaginationFetchesEveryPageMergedWithTheParent() async throws {
        let server = PagedServer(count: 8, pageLength: 3)
        let harness = try InterpreterHarness(module: Self.cursorModule) { server.page($0) }
        #expect(try await harness.run() == (1...8).map { JSONValue.int($0) })
        #expect(harness.transport.requests.map(\.query) == ["size=3", "size=3&cursor=3", "size=3&cursor=6"])
    }

    @Test func limitStopsFetchingAsSoonAsEnoughItemsArrived() async throws {
        let server = PagedServer(count: 100, pageLength: 3)
        let harness = try InterpreterHarness(module: Self.cursorModule) { server.page($0) }
        #expect(try await harness.run(["limit": 5]) == [1, 2, 3, 4, 5])
        #expect(harness.transport.requests.count == 2)
    }

    @Test func pageNumberIsThePageBeingRequested() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/p", "pagination": {"qs": {"page": "{{pagination.page}}"}, "condition": "{{body.more}}"},
         "response": {"iterate": "{{body.items}}"}}
        """#)) { request in
            let page = request.queryItems.first { $0.name == "page" }.map(\.value) ?? "1"
            return .json(["items": [.string(page)], "more": .bool(page != "3")])
        }
        #expect(try await harness.run() == ["1", "2", "3"])
    }

    @Test func mergeWithParentFalseUsesOnlyThePaginationSpec() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/p", "qs": {"size": 2},
         "pagination": {"mergeWithParent": false, "url": "{{body.next_url}}", "condition": "{{body.next_url}}"},
         "response": {"iterate": "{{body.items}}"}}
        """#)) { request in
            request.query == "size=2" ? .json(["items": [1], "next_url": "https://api.test/v1/p2"]) : .json(["items": [2], "next_url": nil])
        }
        #expect(try await harness.run() == [1, 2])
        #expect(harness.transport.requests.map(\.target) == ["https://api.test/v1/p?size=2", "https://api.test/v1/p2"])
    }

    @Test func aRepeatedLastPageEndsWithARepeatedCursorError() async throws {
        // The server keeps answering its last page with the same cursor.
        let harness = try InterpreterHarness(module: Self.cursorModule) { request in
            let cursor = request.queryItems.first { $0.name == "cursor" }?.value
            return .json(["items": [.string(cursor ?? "first")], "next": "same"])
        }
        let error = try #require(await harness.error())
        #expect(error.code == "pagination.repeated-cursor")
        #expect(error.pages == 2)
        #expect(error.message.contains("demo:m"))
        #expect(harness.transport.requests.count == 2)
    }

    @Test func anIdenticalPageEndsWithAnError() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: Self.cursorModule) { _ in
            .json(["items": [1, 2], "next": .string("c\(calls.increment() > 1 ? 1 : 0)")])
        }
        // Pages 2 and 3 have the same body (cursor "c1"), although the requests differ.
        let error = try #require(await harness.error())
        #expect(["pagination.identical-page", "pagination.repeated-cursor", "pagination.repeated-items"].contains(error.code))
        #expect(error.pages != nil)
    }

    @Test func alwaysANextCursorEndsAtMaxPages() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: Self.cursorModule, maxPages: 5) { _ in
            let page = calls.increment()
            return .json(["items": [.int(page)], "next": .string("c\(page)")])
        }
        let error = try #require(await harness.error())
        #expect(error.code == "pagination.max-pages")
        #expect(error.kind == .maxResultsExceeded)
        #expect(error.pages == 5)
        #expect(harness.transport.requests.count == 5)
        #expect(error.message.hasSuffix("raise metadata.refinery.maxPages or lower the limit"))
    }

    /// A module's own `pagination.maxPages` wins over the run's, and the error names it, not the run's setting.
    @Test func aModulesOwnMaxPagesIsTheOneItsErrorNames() async throws {
        let calls = Counter()
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/items", "pagination": {"qs": {"cursor": "{{body.next}}"}, "condition": "{{body.next}}", "maxPages": 2},
         "response": {"iterate": "{{body.items}}"}}
        """#), maxPages: 5) { _ in
            let page = calls.increment()
            return .json(["items": [.int(page)], "next": .string("c\(page)")])
        }
        let error = try #require(await harness.error())
        #expect(error.code == "pagination.max-pages")
        #expect(error.pages == 2)
        #expect(error.message.hasSuffix("raise the module's pagination.maxPages or lower the limit"))
    }

    /// The report's server: 1,000 items, then the same items again under ever new cursors (`call`
    /// returned 5,000 bundles, 1,000 distinct).
    @Test func theSameItemsUnderNewCursorsEndWithAnError() async throws {
        let harness = try InterpreterHarness(module: Self.cursorModule) { request in
            let cursor = request.queryItems.first { $0.name == "cursor" }.flatMap { Int($0.value) } ?? 0
            let start = (cursor % 9) / 3 * 3
            return .json(["items": .array((start..<start + 3).map { .object(["id": .int($0)]) }), "next": .string(String(cursor + 3))])
        }
        let error = try #require(await harness.error())
        #expect(error.code == "pagination.repeated-items")
        #expect(error.pages == 4)
        #expect(error.message.contains("page 4 starts and ends with items of earlier pages"))
    }

    @Test func pagesThatOverlapInPartAreFollowed() async throws {
        // An offset-paged list that shifted by one: page 2 repeats the last item of page 1.
        let harness = try InterpreterHarness(module: Self.cursorModule) { request in
            switch request.queryItems.first(where: { $0.name == "cursor" })?.value {
            case nil: .json(["items": [["id": 1], ["id": 2], ["id": 3]], "next": "a"])
            default: .json(["items": [["id": 3], ["id": 4]], "next": nil])
            }
        }
        #expect(try await harness.run() == [1, 2, 3, 3, 4])
    }

    @Test func anEmptyNonFinalPageEndsWithAnError() async throws {
        let harness = try InterpreterHarness(module: Self.cursorModule) { request in
            request.query == "size=3" ? .json(["items": [1, 2, 3], "next": "a"]) : .json(["items": [], "next": "b"])
        }
        let error = try #require(await harness.error())
        #expect(error.code == "pagination.empty-page")
        #expect(error.pages == 2)
    }

    @Test func aShortNonFinalPageIsFollowedCorrectly() async throws {
        let harness = try InterpreterHarness(module: Self.cursorModule) { request in
            switch request.queryItems.first(where: { $0.name == "cursor" })?.value {
            case nil: .json(["items": [["id": 1], ["id": 2], ["id": 3]], "next": "a"])
            case "a": .json(["items": [["id": 4]], "next": "b"])
            default: .json(["items": [["id": 5], ["id": 6]], "next": nil])
            }
        }
        #expect(try await harness.run() == [1, 2, 3, 4, 5, 6])
        #expect(harness.transport.requests.count == 3)
    }

    @Test func withoutAConditionPaginationStopsAtAnEmptyPage() async throws {
        let harness = try InterpreterHarness(module: module(communication: #"""
        {"url": "/p", "pagination": {"qs": {"page": "{{pagination.page}}"}}, "response": {"iterate": "{{body.items}}"}}
        """#)) { request in
            request.query == "page=3" ? .json(["items": []]) : .json(["items": [.string(request.query)]])
        }
        #expect(try await harness.run() == ["", "page=2"])
    }

    @Test func outputsStreamToTheConsumer() async throws {
        let server = PagedServer(count: 7, pageLength: 2)
        let harness = try InterpreterHarness(module: Self.cursorModule) { server.page($0) }
        var seen: [JSONValue] = []
        for try await output in harness.runner.outputs("m", input: [:], connection: InterpreterHarness.connection) {
            seen.append(output.bundle)
        }
        #expect(seen == (1...7).map { JSONValue.int($0) })
    }
}

import Foundation
import IML
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// A page that is not a page (an HTML answer, JSON without the array `iterate` names, a body that does
/// not parse) is a `DataError` of the module: never the end of the walk, so a trigger's position never
/// moves past items it did not see.
@Suite struct MalformedPageTests {
    static let html = HTTPResponse(
        status: 200, headers: ["Content-Type": "text/html"], body: Array("<html><body>Please sign in</body></html>".utf8)
    )

    /// Page 1 is a real page with a cursor; page 2 is `second`.
    static func harness(second: HTTPResponse) throws -> InterpreterHarness {
        try InterpreterHarness(module: PaginationTests.cursorModule) { request in
            request.query == "size=3" ? .json(["items": [["id": 1], ["id": 2], ["id": 3]], "next": "3"]) : second
        }
    }

    static let notPages: [(String, HTTPResponse)] = [
        ("html", html),
        ("json without items", .json(["message": "ok"])),
        ("items null", .json(["items": nil, "next": nil])),
        ("items an object", .json(["items": ["id": 4]])),
        ("empty body", HTTPResponse(status: 200, headers: ["Content-Type": "application/json"])),
    ]

    @Test(arguments: notPages.indices)
    func aPageWithoutItsArrayIsADataErrorNamingTheAnswer(index: Int) async throws {
        let (name, page) = Self.notPages[index]
        let error = try #require(await Self.harness(second: page).error(), "\(name)")
        #expect(error.kind == .data, "\(name)")
        #expect(error.code == "response.not-a-page", "\(name)")
        #expect(error.status == 200)
        #expect(error.pages == 2)
        #expect(error.message.contains("page 2 of demo:m"))
        #expect(error.message.contains(page.headers["Content-Type"] ?? "no Content-Type"))
        #expect(error.message.contains("'iterate' at /communication/response/iterate gave"), "\(error.message)")
    }

    @Test func theHTMLBodyStartsTheExcerpt() async throws {
        let error = try #require(await Self.harness(second: Self.html).error())
        #expect(error.bodyExcerpt == "<html><body>Please sign in</body></html>")
    }

    @Test func aSuccessfulAnswerThatIsBrokenJSONIsADataErrorWithItsStatus() async throws {
        let broken = HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"items": [1, 2"#.utf8))
        let error = try #require(await Self.harness(second: broken).error())
        #expect(error.kind == .data)
        #expect(error.code == "http.invalid-json")
        #expect(error.status == 200)
        #expect(error.message.contains("200 (application/json)"))
        #expect(error.bodyExcerpt == #"{"items": [1, 2"#)
    }

    @Test func aTriggerWithAPositionFailsInsteadOfStoppingEarly() async throws {
        let harness = try InterpreterHarness(module: TriggerTests.trigger) { request in
            request.queryItems.contains { $0.name == "cursor" } ? Self.html : TriggerTests.newestFirst(request)
        }
        let position = TriggerPosition(lastDate: ISODate.parse("2026-10-12T09:02:00Z"), sameDateIds: ["2"])
        await #expect(throws: ModuleError.self) { try await harness.run(position: position) }
    }

    /// Under the engine: the run fails with the module's `DataError`, its status and body in the report,
    /// and no position is stored, so the next run reads every item.
    @Test func aScenarioRunStoresNoPositionPastAMalformedPage() async throws {
        let store = MemoryStateStore()
        let pages = Counter()
        let blueprint = #"""
        {"name": "Watch", "flow": [{"id": 1, "module": "refiner:watchResponses", "version": 1, "parameters": {"limit": 5}}],
         "metadata": {"version": 1}}
        """#
        let answer: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            guard request.queryItems.contains(where: { $0.name == "page_cursor" }) else { return Self.refinerPage(1, next: "c2") }
            return pages.increment() == 1 ? Self.html : Self.refinerPage(2, next: nil)
        }
        let failed = try await ModuleBoundaryTests.run(blueprint, answer: answer, store: store)
        #expect(failed.status == .error)
        let error = try #require(failed.errors.first)
        #expect(error.type == "DataError")
        #expect(error.status == 200)
        #expect(error.body?.contains("Please sign in") == true)
        #expect(try store.read("boundary").positions.isEmpty)

        let again = try await ModuleBoundaryTests.run(blueprint, answer: answer, store: store)
        #expect(again.status == .success)
        #expect(again.modules.first?.bundles == 4)
    }

    /// Refiner's page shape: two responses per page, newest first.
    static func refinerPage(_ page: Int, next: String?) -> HTTPResponse {
        let items = (0..<2).map { index -> JSONValue in
            let minute = 10 - (page - 1) * 2 - index
            return ["uuid": .string("r\(minute)"), "last_data_reception_at": .string("2026-10-12T09:\(minute):00.000000Z")]
        }
        return .json(["items": .array(items), "pagination": ["next_page_cursor": next.map(JSONValue.string) ?? .null]])
    }
}

import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct ResponsesTests {
    @Test func listsCompletedResponsesNewestFirstWithTheirShape() async throws {
        let harness = SandboxHarness()
        let body = await harness.call(.get, "/v1/responses", query: [("page_length", "100")]).body
        let items = body["items"]?.arrayValue ?? []
        #expect(items.count == 100)
        let dates = items.compactMap { $0["last_data_reception_at"]?.stringValue }
        #expect(dates == dates.sorted(by: >))
        #expect(items.allSatisfy { $0["completed_at"] != .null })
        let first = try #require(items.first)
        for key in ["uuid", "first_shown_at", "last_shown_at", "show_counter", "completed_at", "form", "data", "contact", "tags"] {
            #expect(first[key] != nil, "\(key)")
        }
        #expect(first["contact"]?["attributes"] == nil)
        let total = try #require(body["pagination"]?["items_count"]?.intValue)
        #expect(total > 2000 && total < 3000)
    }

    @Test func includesPartialsAndViewsWhenAsked() async throws {
        let harness = SandboxHarness()
        func count(_ include: String) async -> Int {
            await harness.call(.get, "/v1/responses", query: [("include", include)]).body["pagination"]?["items_count"]?.intValue ?? -1
        }
        let completed = await count("completed")
        let partials = await count("partials")
        let all = await count("all")
        #expect(completed < partials && partials < all)
        #expect(all == 3000)
        #expect(await harness.call(.get, "/v1/responses", query: [("include", "some")]).status == 400)
    }

    @Test(arguments: [true, false])
    func walksEveryResponse(byCursor: Bool) async {
        let harness = SandboxHarness()
        let (items, _) = await harness.walk("/v1/responses", query: [("include", "all")], byCursor: byCursor, pageLength: 333)
        #expect(items.count == 3000)
        #expect(Set(JSONValue.array(items).uuids).count == 3000)
    }

    @Test func filtersByFormDateRangeAndAddsAttributes() async throws {
        let harness = SandboxHarness()
        let forms = await harness.call(.get, "/v1/forms").body["items"]?.arrayValue ?? []
        let nps = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"]?.stringValue)
        let query = [
            ("form_uuids[]", nps), ("date_range_start", "2025-11-15"), ("date_range_end", "2025-12-01T00:00:00Z"),
            ("with_attributes", "1"), ("page_length", "1000"),
        ]
        let items = await harness.call(.get, "/v1/responses", query: query).body["items"]?.arrayValue ?? []
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0["form"]?["uuid"]?.stringValue == nps })
        let dates = items.compactMap { $0["last_data_reception_at"]?.stringValue }
        #expect(dates.allSatisfy { $0 >= "2025-11-15" && $0 < "2025-12-01" })
        #expect(items.allSatisfy { $0["contact"]?["attributes"]?.objectValue != nil })
        #expect(await harness.call(.get, "/v1/responses", query: [("with_attributes", "maybe")]).status == 400)
        #expect(await harness.call(.get, "/v1/responses", query: [("date_range_start", "yesterday")]).status == 400)
    }
}

@Suite struct FormsAndSegmentsTests {
    @Test(arguments: [("all", 9), ("published", 8), ("drafts", 1), ("archived", 1), ("all_with_archived", 10)])
    func listsFormsByState(list: String, count: Int) async {
        let body = await SandboxHarness().call(.get, "/v1/forms", query: [("list", list)]).body
        let names = (body["items"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names.count == count)
        #expect(names == names.sorted())
        #expect(body["pagination"]?["next_page_cursor"] == nil)
    }

    @Test func addsInfoAndConfigOnRequest() async throws {
        let harness = SandboxHarness()
        let plain = try #require(await harness.call(.get, "/v1/forms").body["items"]?[0])
        #expect(plain.objectValue?.keys == ["uuid", "name"])
        let full = try #require(await harness.call(.get, "/v1/forms", query: [("include_info", "true"), ("include_config", "1")]).body["items"]?[0])
        #expect(full["responses_count"]?.intValue != nil)
        #expect(full["channels"]?.arrayValue != nil)
        #expect(full["config"]?["elements"]?.arrayValue?.isEmpty == false)
        #expect(await harness.call(.get, "/v1/forms", query: [("list", "deleted")]).status == 400)
    }

    @Test func listsSegmentsByName() async {
        let body = await SandboxHarness().call(.get, "/v1/segments").body
        let items = body["items"]?.arrayValue ?? []
        #expect(items.compactMap { $0["name"]?.stringValue } == ["Beta testers", "Enterprise customers", "NPS detractors", "NPS promoters", "Pro plan", "VIP"])
        #expect(items.compactMap { $0["is_manual"]?.boolValue } == [true, false, true, true, false, true])
        #expect(body["pagination"]?["items_count"] == 6)
    }
}

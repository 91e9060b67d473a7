import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct ReportingAndAccountTests {
    /// An empty sandbox with one NPS form answered 10, 9, 8, 3 today (from the demo form list).
    static func npsHarness() async throws -> (SandboxHarness, String) {
        let harness = SandboxHarness(seed: .demo, contacts: 0)
        let forms = await harness.call(.get, "/v1/forms").body["items"]?.arrayValue ?? []
        let form = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"]?.stringValue)
        for (index, score) in [10, 9, 8, 3].enumerated() {
            let stored = await harness.call(.post, "/v1/responses", json: [
                "form_uuid": .string(form), "id": .string("r\(index)"), "nps_score": .int(score), "tags": ["beta"],
            ])
            #expect(stored.status == 200)
        }
        return (harness, form)
    }

    @Test func computesNPSFromStoredResponses() async throws {
        let (harness, form) = try await Self.npsHarness()
        let report = await harness.call(.get, "/v1/reporting", query: [("type", "nps"), ("form_uuids[]", form)]).body
        #expect(report["nps"] == 25)
        #expect(report["count"] == 4)
        #expect(report["data"] == ["promoters": 2, "passives": 1, "detractors": 1])
        #expect(report["date_range_start"] == "2025-12-26T00:00:00.000000Z")
        #expect(report["date_range_end"] == "2026-01-02T00:00:00.000000Z")
        let old = await harness.call(.get, "/v1/reporting", query: [("type", "nps"), ("date_range_end", "2025-12-01")]).body
        #expect(old["count"] == 0)
        let distribution = await harness.call(.get, "/v1/reporting", query: [("type", "distribution"), ("question_identifiers[]", "nps_score")]).body
        #expect(distribution["data"] == ["10": 1, "3": 1, "8": 1, "9": 1])
        #expect(distribution["datapoints"] == 4)
        let count = await harness.call(.get, "/v1/reporting", query: [("type", "count")]).body
        #expect(count == ["views": 4, "responses": 4, "date_range_start": "2025-12-26T00:00:00.000000Z", "date_range_end": "2026-01-02T00:00:00.000000Z"])
    }

    @Test func filtersReportsByTagAndContactData() async throws {
        let (harness, _) = try await Self.npsHarness()
        let responses = await harness.call(.get, "/v1/responses").body["items"]?.arrayValue ?? []
        let first = try #require(responses.first?["uuid"]?.stringValue)
        #expect(await harness.call(.post, "/v1/responses/tags", json: ["uuid": .string(first), "tags": ["vip"]]).body == ["message": "ok"])
        let state = await harness.call(.get, "/_sandbox/state").body
        let vip = try #require(state["tags"]?["vip"]?.stringValue)
        let tagged = await harness.call(.get, "/v1/reporting", query: [("type", "nps"), ("tag_uuids[]", vip)]).body
        #expect(tagged["count"] == 1)
        let byContact = await harness.call(.get, "/v1/reporting", query: [("type", "nps"), ("contact_data[nps_score]", "3")]).body
        #expect(byContact["nps"] == -100)
    }

    @Test(arguments: [
        ([("type", "pie")], 400), ([], 400), ([("type", "csat"), ("form_uuids[]", "missing")], 404),
        ([("type", "ratings")], 200), ([("type", "csat")], 200),
    ] as [([(String, String)], Int)])
    func validatesReportParameters(query: [(String, String)], status: Int) async {
        #expect(await SandboxHarness().call(.get, "/v1/reporting", query: query).status == status)
    }

    @Test func reportsUsageThatMovesAsTheAPIIsUsed() async throws {
        let (harness, form) = try await Self.npsHarness()
        let before = try #require(await harness.call(.get, "/v1/account").body["subscription"])
        #expect(before["plan"] == "Growth")
        #expect(before["msr_count"] == 4)
        #expect(before["mtu_count"] == 4)
        await harness.call(.post, "/v1/responses", json: ["form_uuid": .string(form), "id": "new-one", "nps_score": 1])
        await harness.call(.post, "/v1/track-event", json: ["id": "new-one", "event": "x"])
        let after = await harness.call(.get, "/v1/account").body
        #expect(after["subscription"]?["msr_count"] == 5)
        #expect(after["subscription"]?["mtu_count"] == 5)
        #expect(after["subscription"]?["mte_count"] == 1)
        #expect(after["environments"]?[0]?["msr"] == 5)
    }

    @Test func storesResponsesWithoutDuplicatesUnlessAsked() async throws {
        let (harness, form) = try await Self.npsHarness()
        let body: JSONValue = ["form_uuid": .string(form), "id": "r0", "nps_score": 10, "tags": ["beta"]]
        let again = await harness.call(.post, "/v1/responses", json: body)
        #expect(again.status == 200)
        #expect(await harness.call(.get, "/v1/responses").body["pagination"]?["items_count"] == 4)
        var allowed = body
        allowed["prevent_duplicates"] = false
        await harness.call(.post, "/v1/responses", json: allowed)
        #expect(await harness.call(.get, "/v1/responses").body["pagination"]?["items_count"] == 5)
        #expect(await harness.call(.post, "/v1/responses", json: ["form_uuid": .string(form), "id": "r9"]).status == 400)
        #expect(await harness.call(.post, "/v1/responses", json: ["form_uuid": "nope", "id": "r9", "a": 1]).status == 404)
        #expect(await harness.call(.post, "/v1/responses/tags", json: ["uuid": "nope", "tags": ["a"]]).status == 404)
    }
}

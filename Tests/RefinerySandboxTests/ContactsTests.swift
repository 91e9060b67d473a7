import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct ContactsTests {
    @Test func listsWithTheEnvelope() async throws {
        let harness = SandboxHarness()
        let body = await harness.call(.get, "/v1/contacts", query: [("page_length", "10")]).body
        #expect(body["items"]?.arrayValue?.count == 10)
        let pagination = try #require(body["pagination"])
        #expect(pagination["items_count"] == 300)
        #expect(pagination["current_page"] == 1)
        #expect(pagination["last_page"] == 30)
        #expect(pagination["page_length"] == 10)
        #expect(pagination["next_page_cursor"]?.stringValue != nil)
        let first = try #require(body["items"]?[0])
        for key in ["uuid", "remote_id", "email", "display_name", "first_seen_at", "last_seen_at", "attributes", "segments", "account"] {
            #expect(first[key] != nil, "\(key)")
        }
        let dates = (body["items"]?.arrayValue ?? []).compactMap { $0["first_seen_at"]?.stringValue }
        #expect(dates == dates.sorted(by: >))
    }

    @Test(arguments: [true, false])
    func walksToTheEndWithNoItemMissedOrRepeated(byCursor: Bool) async {
        let harness = SandboxHarness()
        let (items, _) = await harness.walk("/v1/contacts", byCursor: byCursor, pageLength: 7)
        let uuids = JSONValue.array(items).uuids
        #expect(uuids.count == 300)
        #expect(Set(uuids).count == 300)
    }

    @Test func cursorsStayCorrectWhileContactsAreAdded() async throws {
        let harness = SandboxHarness()
        var seen: [String] = []
        var cursor: String?
        var added = 0
        repeat {
            var query = [("page_length", "25")]
            if let cursor { query.append(("page_cursor", cursor)) }
            let body = await harness.call(.get, "/v1/contacts", query: query).body
            seen += body["items"]?.uuids ?? []
            cursor = body["pagination"]?["next_page_cursor"]?.stringValue
            harness.clock.advance(seconds: 1)
            await harness.call(.post, "/v1/identify-user", json: ["id": .string("added-\(added)")])
            added += 1
        } while cursor != nil
        #expect(seen.count == 300)
        #expect(Set(seen).count == 300)
    }

    @Test(arguments: [
        ([("page_length", "1001")], "The page_length field must be between 1 and 1000"),
        ([("page_length", "0")], "The page_length field must be between 1 and 1000"),
        ([("page", "0")], "The page field must be between 1 and 2147483647"),
        ([("page", "x")], "The page field must be an integer"),
        ([("order_by", "name")], "The order_by field must be one of: first_seen_at, last_seen_at, last_form_submission_at"),
        ([("page_cursor", "garbage")], "The page_cursor is not valid for this list (use next_page_cursor of the previous page)"),
    ])
    func rejectsBadListParameters(query: [(String, String)], message: String) async {
        let response = await SandboxHarness().call(.get, "/v1/contacts", query: query)
        #expect(response.status == 400)
        #expect(response.body == ["error": .string(message)])
    }

    @Test func acceptsTheLargestPage() async {
        let body = await SandboxHarness().call(.get, "/v1/contacts", query: [("page_length", "1000")]).body
        #expect(body["items"]?.arrayValue?.count == 300)
        #expect(body["pagination"]?["next_page_cursor"] == .null)
    }

    @Test func ordersAndFilters() async throws {
        let harness = SandboxHarness()
        let bySeen = await harness.call(.get, "/v1/contacts", query: [("order_by", "last_seen_at"), ("page_length", "50")]).body
        let seen = (bySeen["items"]?.arrayValue ?? []).compactMap { $0["last_seen_at"]?.stringValue }
        #expect(seen == seen.sorted(by: >))
        let segments = await harness.call(.get, "/v1/segments").body["items"]?.arrayValue ?? []
        let pro = try #require(segments.first { $0["name"] == "Pro plan" }?["uuid"]?.stringValue)
        let inPro = await harness.call(.get, "/v1/contacts", query: [("segment_uuid", pro), ("page_length", "1000")]).body
        let members = inPro["items"]?.arrayValue ?? []
        #expect(!members.isEmpty && members.count < 300)
        #expect(members.allSatisfy { $0["attributes"]?["plan"] == "pro" })
        #expect(inPro["pagination"]?["items_count"]?.intValue == members.count)
        let search = await harness.call(.get, "/v1/contacts", query: [("search", "user-42")]).body
        #expect(search["items"]?.arrayValue?.contains { $0["remote_id"] == "user-42" } == true)
        #expect(await harness.call(.get, "/v1/contacts", query: [("segment_uuid", "nope")]).status == 404)
    }

    @Test func getsAndDeletesByIdEmailOrUUID() async throws {
        let harness = SandboxHarness()
        let contact = await harness.call(.get, "/v1/contact", query: [("id", "user-7")]).body
        let email = try #require(contact["email"]?.stringValue)
        let uuid = try #require(contact["uuid"]?.stringValue)
        #expect(await harness.call(.get, "/v1/contact", query: [("email", email)]).body["uuid"]?.stringValue == uuid)
        #expect(await harness.call(.get, "/v1/contact").body == ["error": "One of the id, email or uuid fields is required"])
        let before = await harness.call(.get, "/v1/responses", query: [("search", uuid), ("include", "all")]).body
        #expect((before["pagination"]?["items_count"]?.intValue ?? 0) > 0)
        #expect(await harness.call(.delete, "/v1/contact", query: [("uuid", uuid)]).body == ["message": "ok"])
        let missing = await harness.call(.get, "/v1/contact", query: [("id", "user-7")])
        #expect(missing.status == 404)
        #expect(missing.body == ["error": "Contact not found"])
        let after = await harness.call(.get, "/v1/responses", query: [("search", uuid), ("include", "all")]).body
        #expect(after["pagination"]?["items_count"] == 0)
    }
}

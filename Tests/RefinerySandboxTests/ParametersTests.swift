import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

/// Parameters from the query, a JSON body or a urlencoded body with bracket keys; booleans as 1/0/true/false.
@Suite struct ParametersTests {
    @Test(arguments: ["1", "true", "TRUE", "True"])
    func acceptsTrueSpellings(value: String) async {
        let body = await SandboxHarness().call(.get, "/v1/responses", query: [("with_attributes", value), ("page_length", "1")]).body
        #expect(body["items"]?[0]?["contact"]?["attributes"] != nil)
    }

    @Test(arguments: ["0", "false", "FALSE", ""])
    func acceptsFalseSpellings(value: String) async {
        let body = await SandboxHarness().call(.get, "/v1/responses", query: [("with_attributes", value), ("page_length", "1")]).body
        #expect(body["items"]?[0]?["contact"]?["attributes"] == nil)
        #expect(body["items"]?[0]?["contact"] != nil)
    }

    @Test func readsBracketListsFromUrlencodedBodies() async throws {
        let harness = SandboxHarness()
        let uuid = try #require(await harness.call(.get, "/v1/responses", query: [("page_length", "1")]).body["items"]?[0]?["uuid"]?.stringValue)
        let tagged = await harness.call(.post, "/v1/responses/tags", form: "uuid=\(uuid)&tags%5B%5D=red&tags[]=blue")
        #expect(tagged.body == ["message": "ok"])
        let state = await harness.call(.get, "/_sandbox/state").body
        #expect(state["tags"]?.objectValue?.keys == ["blue", "red"])
    }

    @Test func acceptsCommaSeparatedListsAndRejectsBadBodies() async throws {
        let harness = SandboxHarness()
        let forms = await harness.call(.get, "/v1/forms").body["items"]?.uuids ?? []
        let both = await harness.call(.get, "/v1/responses", query: [("form_uuids", forms.prefix(2).joined(separator: ","))]).body
        let first = await harness.call(.get, "/v1/responses", query: [("form_uuid", forms[0])]).body
        let count = { (body: JSONValue) in body["pagination"]?["items_count"]?.intValue ?? 0 }
        #expect(count(both) > count(first) && count(first) > 0)
        let broken = await harness.sandbox.handle(HTTPRequest(
            method: .post, target: "/v1/identify-user", headers: ["Authorization": "Bearer \(harness.key)"], body: Array("{nope".utf8)
        ))
        #expect(broken.status == 400)
        #expect(await harness.call(.post, "/v1/identify-user", json: [1, 2]).status == 400)
    }

    @Test func cursorWalksSurviveNewResponses() async throws {
        let harness = SandboxHarness()
        let form = try #require(await harness.call(.get, "/v1/forms").body["items"]?.uuids.first)
        var seen: [String] = []
        var cursor: String?
        var round = 0
        repeat {
            var query = [("page_length", "200"), ("include", "all")]
            if let cursor { query.append(("page_cursor", cursor)) }
            let body = await harness.call(.get, "/v1/responses", query: query).body
            seen += body["items"]?.uuids ?? []
            cursor = body["pagination"]?["next_page_cursor"]?.stringValue
            harness.clock.advance(seconds: 60)
            await harness.call(.post, "/v1/responses", json: ["form_uuid": .string(form), "id": .string("late-\(round)"), "feedback": "hi"])
            round += 1
        } while cursor != nil
        #expect(seen.count == 3000)
        #expect(Set(seen).count == 3000)
    }
}

import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct IdentifyUserTests {
    @Test func createsThenUpdatesAContactWithTraitsAndAccount() async throws {
        let harness = SandboxHarness(seed: .empty)
        let created = await harness.call(.post, "/v1/identify-user", json: [
            "id": "u-1", "email": "ada@example.com", "plan": "pro", "role": "Manager",
            "signup_date": "2025-03-04", "account": ["id": "acme", "name": "Acme", "seats": 12],
        ])
        #expect(created.status == 200)
        #expect(created.body["message"] == "ok")
        let uuid = try #require(created.body["contact_uuid"]?.stringValue)
        let contact = await harness.call(.get, "/v1/contact", query: [("uuid", uuid)]).body
        #expect(contact["remote_id"] == "u-1")
        #expect(contact["email"] == "ada@example.com")
        #expect(contact["attributes"]?["plan"] == "pro")
        #expect(contact["attributes"]?["role"] == "Manager")
        #expect(contact["attributes"]?["signup_date"] == "2025-03-04T00:00:00.000000Z")
        #expect(contact["account"]?["remote_id"] == "acme")
        #expect(contact["account"]?["display_name"] == "Acme")
        #expect(contact["account"]?["attributes"]?["seats"] == 12)
        let updated = await harness.call(.post, "/v1/identify-user", form: "id=u-1&plan=enterprise&account%5Bid%5D=acme")
        #expect(updated.body["contact_uuid"]?.stringValue == uuid)
        let again = await harness.call(.get, "/v1/contact", query: [("id", "u-1")]).body
        #expect(again["attributes"]?["plan"] == "enterprise")
        #expect(await harness.call(.get, "/v1/contacts").body["pagination"]?["items_count"] == 1)
    }

    /// Refiner takes traits flat; a nested `attributes` object (JSON or `attributes[x]=` in a form) is
    /// refused and changes nothing, so a client that nests them fails in tests, not silently live.
    @Test(arguments: [
        (#"{"id": "u-1", "attributes": {"plan": "pro"}}"#, "application/json"),
        (#"{"id": "u-1", "plan": "free", "attributes": {}}"#, "application/json"),
        ("id=u-1&attributes%5Bplan%5D=pro", "application/x-www-form-urlencoded"),
    ])
    func refusesTraitsNestedUnderAttributes(body: String, type: String) async throws {
        let harness = SandboxHarness(seed: .empty)
        let refused = await harness.sandbox.handle(HTTPRequest(
            method: .post, target: "/v1/identify-user",
            headers: ["Authorization": "Bearer \(harness.key)", "Content-Type": type], body: Array(body.utf8)
        ))
        #expect(refused.status == 400)
        #expect(try refused.jsonBody() == [
            "error": "Traits go at the top level of the body, beside id and email (plan=pro), not in an 'attributes' object",
        ])
        #expect(await harness.call(.get, "/v1/contact", query: [("id", "u-1")]).status == 404)
    }

    @Test func takesFlatTraitsAndAccountBracketsFromAForm() async throws {
        let harness = SandboxHarness(seed: .empty)
        let form = "id=u-2&email=grace%40example.com&plan=pro&logins=7&account%5Bid%5D=acme&account%5Bname%5D=Acme&account%5Bseats%5D=12"
        #expect(await harness.call(.post, "/v1/identify-user", form: form).status == 200)
        let contact = await harness.call(.get, "/v1/contact", query: [("id", "u-2")]).body
        #expect(contact["attributes"] == ["plan": "pro", "logins": "7"])
        #expect(contact["account"]?["remote_id"] == "acme")
        #expect(contact["account"]?["display_name"] == "Acme")
        #expect(contact["account"]?["attributes"] == ["seats": "12"])
    }

    static let longText = JSONValue.string(String(repeating: "x", count: 256))
    static let invalid: [(JSONValue, String)] = [
        (["plan": "pro"], "The id or email field is required"),
        (["id": "u", "bio": longText], "The trait 'bio' must not be longer than 255 characters"),
        (["id": "u", "logins": 2_147_483_648], "The trait 'logins' must be an integer between -2147483647 and 2147483647"),
        (["id": "u", "tags": ["a"]], "The trait 'tags' must be a string, a number or a boolean"),
        (["email": "not-an-email"], "The email field must be a valid email address"),
        (["id": "u", "renewal_date": "soon"], "The trait 'renewal_date' must be a date (ISO 8601 or a Unix timestamp) because its name ends in _at or _date"),
        (["id": "u", "account": ["name": "x"]], "The account.id field is required when account is given"),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidInput(body: JSONValue, message: String) async {
        let harness = SandboxHarness(seed: .empty)
        let response = await harness.call(.post, "/v1/identify-user", json: body)
        #expect(response.status == 400)
        #expect(response.body == ["error": .string(message)])
    }

    @Test func acceptsTraitsAtTheLimits() async {
        let harness = SandboxHarness(seed: .empty)
        let response = await harness.call(.post, "/v1/identify-user", json: [
            "id": "u", "bio": .string(String(repeating: "x", count: 255)), "max": 2_147_483_647, "min": -2_147_483_647,
        ])
        #expect(response.status == 200)
    }

    @Test func tracksEventsAndCreatesUnknownUsers() async {
        let harness = SandboxHarness(seed: .empty)
        #expect(await harness.call(.post, "/v1/track-event", json: ["id": "new"]).status == 400)
        let tracked = await harness.call(.post, "/v1/track-event", json: ["id": "new", "event": "Upgraded"])
        #expect(tracked.body == ["message": "ok"])
        #expect(await harness.call(.get, "/v1/contact", query: [("id", "new")]).status == 200)
        let account = await harness.call(.get, "/v1/account").body
        #expect(account["subscription"]?["mte_count"] == 1)
        #expect(account["subscription"]?["mtu_count"] == 1)
    }
}

import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

@Suite struct AuthenticationTests {
    static let cases: [(String, Int, JSONValue)] = [
        ("none", 401, ["error": "No API key found in headers"]),
        ("short", 401, ["error": "No API key found in headers"]),
        ("malformed", 401, ["error": "API key does not look valid"]),
        ("unknown", 404, ["message": "API key not valid or does not exist"]),
    ]

    @Test(arguments: cases)
    func rejectsBadKeys(kind: String, status: Int, body: JSONValue) async {
        let harness = SandboxHarness(seed: .empty)
        let auth: SandboxHarness.Auth = switch kind {
        case "none": .none
        case "short": .bearer("abc")
        case "malformed": .bearer("this key has spaces!")
        default: .bearer("unknown-key-0000000000000000000000")
        }
        for path in ["/v1/", "/v1/contacts", "/v1/account"] {
            let response = await harness.call(.get, path, auth: auth)
            #expect(response.status == status)
            #expect(response.body == body)
        }
    }

    @Test func acceptsTheKeyInEveryDocumentedForm() async {
        let harness = SandboxHarness(seed: .empty)
        let key = harness.key
        for auth in [SandboxHarness.Auth.bearer(key), .basic(key), .query(key)] {
            let response = await harness.call(.get, "/v1/", auth: auth)
            #expect(response.status == 200)
            #expect(response.body["project_uuid"]?.stringValue?.count == 36)
            #expect(response.body["project_name"] == "Sandbox")
        }
        let inBody = await harness.call(.post, "/v1/identify-user", json: ["api_key": .string(key), "id": "u1"], auth: SandboxHarness.Auth.none)
        #expect(inBody.status == 200)
    }

    @Test func answersUnknownPathsAndMethods() async {
        let harness = SandboxHarness(seed: .empty)
        #expect(await harness.call(.get, "/v1/nope").status == 404)
        #expect(await harness.call(.put, "/v1/contacts").status == 405)
        #expect(await harness.call(.get, "/elsewhere").status == 404)
    }
}
